package org.ssewatch.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.RunConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.Tokens;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code ssewatch} command line as picocli sees it: the usage text, every option (each a
 * typed {@link Opt} to read its value back with) and the COMMAND operands. --help, the man page
 * and the completion script are all made from this.
 *
 * <p>It is described through picocli's programmatic API, not its annotations. Reading
 * annotations is the first use of Java's annotation machinery in the process (a proxy class per
 * annotation type, and picocli also looks for annotated methods on Object): ~40 ms of the time
 * before the URL is printed, measured on 2 cores. What picocli does with the description (parsing,
 * --help, the man page, completion) is the same either way.
 */
final class Options {
    /** Every option, in the order --help lists them: the order they are defined in below. */
    private static final List<Opt<?>> ALL = new ArrayList<>();

    static final Opt<Integer> PORT = valued(int.class, "PORT", "-p", "--port").defaultValue("0")
            .description("Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}. Env: SSEWATCH_PORT.");

    static final Opt<String> BIND = valued(String.class, "ADDRESS", "--bind").defaultValue("0.0.0.0")
            .description("Address to listen on. The default, ${DEFAULT-VALUE}, is every interface, so teammates "
                    + "can connect; 127.0.0.1 keeps the page to this machine. Env: SSEWATCH_BIND.");

    static final Opt<Path> URL_FILE = valued(Path.class, "FILE", "--url-file")
            .description("Also write the URL to FILE once the server is listening, for scripts.");

    static final Opt<Duration> LINGER = valued(Duration.class, "DURATION", "--linger").converter(new HumanDuration())
            .description("How long to keep serving the page after the command ends, so late viewers still see the "
                    + "run: 30s, 10m, 1h or forever (until Ctrl-C). Default: forever when stderr is a terminal, 0 "
                    + "otherwise, so scripts and CI jobs never hang. Env: SSEWATCH_LINGER.");

    static final Opt<String> TITLE = valued(String.class, "TEXT", "--title")
            .description("A title for the page, shown above the command.");

    static final Opt<Boolean> QUIET = flag("-q", "--quiet")
            .description("Do not echo the command's output to the terminal.");

    static final Opt<Boolean> PTY = flag("--pty")
            .description("Run the command under a pseudo-terminal, so that it colours and line-buffers its output "
                    + "as it would in a terminal. Its stdout and stderr then share the terminal and both arrive "
                    + "as stdout.");

    static final Opt<Boolean> MERGE_STDERR = flag("--merge-stderr")
            .description("Send the command's stderr into the same pipe as its stdout, so that the page shows "
                    + "both in exactly the terminal's order at any speed; everything then arrives as stdout. "
                    + "Without it, stdout and stderr keep their order when written a fraction of a millisecond "
                    + "apart or more.");

    static final Opt<Boolean> NO_MARKUP = flag("--no-markup")
            .description("Show CI markup as text lines. By default, GitHub Actions workflow commands (::group::, "
                    + "::error file=F,line=L::MESSAGE, ::add-mask::VALUE, ...) and GitLab CI section markers become "
                    + "groups and annotations on the page and are not shown as lines.");

    static final Opt<List<String>> MASK = list("REGEX", "--mask")
            .description("Mask every match of REGEX in a line (each becomes three asterisks) in everything served "
                    + "and stored: the page, log.txt, the spill file. The terminal still shows the output as written. "
                    + "Repeatable. A REGEX that matches the empty string is refused.");

    static final Opt<List<String>> MASK_ENV = list("NAME", "--mask-env")
            .description("Mask the value of the environment variable NAME like --mask, as literal text. "
                    + "Repeatable. A variable that is not set, or empty, is skipped with a warning.");

    static final Opt<Boolean> NO_UNBUFFER = flag("--no-unbuffer")
            .description("Do not set PYTHONUNBUFFERED=1 for the command. By default it is set, so that Python "
                    + "programs write each line as they print it rather than in 4 KiB bursts.");

    static final Opt<Duration> KILL_AFTER = valued(Duration.class, "DURATION", "--kill-after").defaultValue("5s")
            .converter(new HumanDuration())
            .description("After Ctrl-C, SIGTERM or SIGHUP, how long the command and its children have to exit "
                    + "after SIGTERM before they get SIGKILL. Default: ${DEFAULT-VALUE}.");

    static final Opt<Long> MAX_LINE = size("--max-line", (RunConfig.DEFAULT_MAX_LINE_BYTES >> 10) + "K")
            .description("Split lines longer than SIZE bytes into pieces marked as continuations. "
                    + "Default: ${DEFAULT-VALUE}.");

    static final Opt<Integer> HISTORY = valued(int.class, "EVENTS", "--history")
            .defaultValue("" + JournalConfig.DEFAULT_MAX_EVENTS)
            .description("Keep at most EVENTS events in memory; older ones move to the spill file. "
                    + "Default: ${DEFAULT-VALUE}.");

    static final Opt<Long> HISTORY_BYTES = size("--history-bytes", (JournalConfig.DEFAULT_MAX_BYTES >> 20) + "M")
            .description("Keep at most SIZE of output in memory; older events move to the spill file. "
                    + "Default: ${DEFAULT-VALUE}.");

    static final Opt<Path> SPILL_DIR = valued(Path.class, "DIR", "--spill-dir")
            .description("Directory for the spill file, deleted at exit. Default: the system's temporary "
                    + "directory. Env: SSEWATCH_SPILL_DIR.");

    static final Opt<Long> SPILL_MAX = size("--spill-max", (JournalConfig.DEFAULT_SPILL_MAX_BYTES >> 30) + "G")
            .description("Largest size of the spill file. Output beyond it is dropped, and viewers are shown a "
                    + "gap where it was; 0 keeps only what fits in memory. Default: ${DEFAULT-VALUE}.");

    static final Opt<Path> SAVE = valued(Path.class, "DIR", "--save")
            .description("Keep the run in DIR (made if missing; an existing one must be empty): its metadata and "
                    + "every event, written as the run goes, so that 'ssewatch show DIR' serves it later, even "
                    + "after a crash. A disk that fills up is said once, and the run goes on.");

    static final Opt<String> TOKEN = valued(String.class, "TOKEN", "--token")
            .description("The secret path segment every URL carries, instead of a new random one each run: a "
                    + "rerun with the same token keeps the same link. " + Tokens.RULE + ". Env: SSEWATCH_TOKEN.");

    static final Opt<Boolean> NO_TOKEN = flag("--no-token")
            .description("Serve without a token, at the server's root: anyone who can reach the port can watch. "
                    + "Meant for a trusted network or behind a proxy that checks access.");

    static final Opt<String> AUTH = valued(String.class, "USER:PASS", "--auth")
            .description("Also require HTTP Basic authentication. Prefer SSEWATCH_AUTH or --auth-file, which keep "
                    + "the password out of the process list. Env: SSEWATCH_AUTH.");

    static final Opt<Path> AUTH_FILE = valued(Path.class, "FILE", "--auth-file")
            .description("Read USER:PASS for Basic authentication from the first line of FILE.");

    static final Opt<Path> TLS_CERT = valued(Path.class, "FILE", "--tls-cert")
            .description("Serve HTTPS (with HTTP/2) using this PEM certificate chain; needs --tls-key.");

    static final Opt<Path> TLS_KEY = valued(Path.class, "FILE", "--tls-key")
            .description("The unencrypted PKCS#8 PEM private key for --tls-cert.");

    static final Opt<Boolean> TLS_SELF_SIGNED = flag("--tls-self-signed")
            .description("Serve HTTPS (with HTTP/2) with a new self-signed certificate and print its SHA-256 "
                    + "fingerprint, for viewers to compare with what their browser shows.");

    static final Opt<Integer> MAX_VIEWERS = valued(int.class, "N", "--max-viewers")
            .defaultValue("" + StreamOptions.DEFAULT_MAX_VIEWERS)
            .description("Most viewers (open streams and waiting polls) at once; more get 503. "
                    + "Default: ${DEFAULT-VALUE}. Env: SSEWATCH_MAX_VIEWERS.");

    static final Opt<URI> PUBLIC_URL = valued(URI.class, "URL", "--public-url")
            .description("The URL at which a reverse proxy serves ssewatch's root, to print instead of this "
                    + "machine's addresses (the token is appended). Env: SSEWATCH_PUBLIC_URL.");

    // Publishing to Redis (issue 18, docs/redis.md).
    static final Opt<String> PUBLISH = valued(String.class, "URL", "--publish")
            .description("Also publish the run (with serve: every run it starts, with its job, parameters and operator) "
                    + "to Redis, redis://[USER:PASS@]HOST:PORT/DB (rediss:// for TLS): every "
                    + "event into a Stream with the same id, type and payload, for relays to serve. The command never "
                    + "waits for Redis; if Redis is slow or away, ssewatch catches up when it is back. Prefer "
                    + "SSEWATCH_PUBLISH, which keeps a password out of the process list. Env: SSEWATCH_PUBLISH.");

    static final Opt<String> REDIS_PREFIX = valued(String.class, "PREFIX", "--redis-prefix")
            .defaultValue(RedisKeys.DEFAULT_PREFIX)
            .description("The prefix of every Redis key of --publish (and of what ssewatch relay reads). "
                    + "Default: ${DEFAULT-VALUE}.");

    /** {@code ssewatch relay}'s source. */
    static final Opt<String> REDIS = valued(String.class, "URL", "--redis")
            .description("The Redis that runs are published to, redis://[USER:PASS@]HOST:PORT/DB (rediss:// for TLS). "
                    + "Prefer SSEWATCH_REDIS, which keeps a password out of the process list. Env: SSEWATCH_REDIS.");

    static final Opt<Long> REDIS_MAXLEN = valued(long.class, "N", "--redis-maxlen").defaultValue("0")
            .description("Keep about the newest N events of the run in Redis (XADD MAXLEN ~ N); a relay's viewer "
                    + "who asks for older ones is shown a gap. Default: 0, keep them all.");

    static final Opt<Duration> REDIS_TTL = valued(Duration.class, "DURATION", "--redis-ttl")
            .defaultValue(PublishConfig.DEFAULT_TTL.toDays() + "d").converter(new HumanDuration())
            .description("How long a published run's keys stay in Redis after the run ends (or after ssewatch's "
                    + "last write, if it died): 12h, 30d or forever. Default: ${DEFAULT-VALUE}.");

    static final Opt<Boolean> VERBOSE = flag("-v", "--verbose")
            .description("Show stack traces of ssewatch's own errors.");

    // What picocli's mixinStandardHelpOptions adds, without the annotated class it reads them from.
    static final Opt<Boolean> HELP = flag("-h", "--help").usageHelp()
            .description("Show this help message and exit.");

    static final Opt<Boolean> VERSION = flag("-V", "--version").versionHelp()
            .description("Print version information and exit.");

    private Options() {
    }

    /** A new description of the command line, for {@code command} to run: picocli keeps the parsed values in it. */
    static CommandSpec describe(Object command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("ssewatch").versionProvider(new Version());
        describeUsage(spec.usageMessage());
        for (Opt<?> option : ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addPositional(PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..*")
                .type(List.class).auxiliaryTypes(String.class).initialValue(List.of())
                .description("The command to run and its arguments, run directly (no shell). Put -- before it when "
                        + "it has options of its own.")
                .build());
        return spec;
    }

    /** Everything of --help around the options: header, synopsis, exit status, examples. */
    private static void describeUsage(UsageMessageSpec usage) {
        usage.sortOptions(false)
                .autoWidth(true)
                .headerHeading("")
                .header("Watch a long-running command live from a browser, and share the link.")
                .synopsisHeading("%nUsage: ")
                .customSynopsis(
                        "@|bold ssewatch|@ [OPTIONS] [--] COMMAND [ARG...]",
                        "       COMMAND 2>&1 | @|bold ssewatch|@ [OPTIONS]")
                .descriptionHeading("%n")
                .description("Runs COMMAND, echoes its output to the terminal unchanged, and serves it live to browsers "
                        + "at the URL it prints. Viewers see every line as it arrives, late joiners see the whole run, "
                        + "and the page shows how the run ended. Without COMMAND, ssewatch watches its standard input "
                        + "until it closes.")
                .optionListHeading("%nOptions:%n")
                .parameterListHeading("%nArguments:%n")
                .commandListHeading("%nCommands:%n")
                .exitCodeListHeading(ExitCodes.HEADING)
                .exitCodeList(UsageMessageSpec.keyValuesMap(ExitCodes.lines()))
                .footerHeading("%nExamples:%n")
                .footer(
                        // A comment starts in one column, two spaces after the longest command that has one.
                        "  ssewatch -- make -j8                    watch a build; Ctrl-C stops it",
                        "  ssewatch --title 'Deploy' -- ./deploy.sh production",
                        "  ssewatch --pty -- npm test              in a pseudo-terminal, with colours",
                        "  make 2>&1 | ssewatch                    watch a pipe",
                        "  ssewatch --linger 10m -- ./nightly.sh   serve the page 10 min after the end",
                        "  ssewatch --save runs/42 -- make         keep it for: ssewatch show runs/42",
                        "  ssewatch --tls-self-signed --auth ops:secret -- ./migrate.sh");
    }

    /** The COMMAND and its arguments after parsing {@code spec}'s command line; empty in pipe mode. */
    static List<String> command(CommandSpec spec) {
        return spec.positionalParameters().get(0).getValue(); // a List<String>: describe made it so
    }

    private static <T> Opt<T> valued(Class<T> type, String label, String... names) {
        Opt<T> option = new Opt<>(type, label, false, names);
        ALL.add(option);
        return option;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Opt<List<String>> list(String label, String name) {
        Opt<List<String>> option = new Opt<>((Class) List.class, label, false, name);
        option.repeatable(String.class);
        ALL.add(option);
        return option;
    }

    private static Opt<Boolean> flag(String... names) {
        Opt<Boolean> option = new Opt<>(boolean.class, null, true, names);
        ALL.add(option);
        return option;
    }

    private static Opt<Long> size(String name, String defaultValue) {
        return valued(long.class, "SIZE", name).defaultValue(defaultValue).converter(new ByteSize());
    }
}
