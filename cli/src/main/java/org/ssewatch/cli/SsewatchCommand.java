package org.ssewatch.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.RunConfig;
import org.ssewatch.web.BasicAuth;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.TlsConfig;
import org.ssewatch.web.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code ssewatch} command line: its options, checked and turned into {@link Settings}.
 *
 * <p>The options are described through picocli's programmatic API, not its annotations. Reading
 * annotations is the first use of Java's annotation machinery in the process (a proxy class per
 * annotation type, and picocli also looks for annotated methods on Object): ~40 ms of the time
 * before the URL is printed, measured on 2 cores. What picocli does with the description (parsing,
 * --help, the man page, completion) is the same either way.
 */
final class SsewatchCommand implements Callable<Integer> {
    /** The command line for {@code command}: its options, and its {@code generate-completion} subcommand. */
    static CommandLine commandLine(SsewatchCommand command) {
        CommandLine cl = new CommandLine(command.spec);
        cl.addSubcommand(CompletionCommand.NAME, CompletionCommand.spec());
        return cl;
    }

    private static CommandSpec describe(SsewatchCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("ssewatch").versionProvider(new Version());
        UsageMessageSpec usage = spec.usageMessage();
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
                        "  ssewatch --tls-self-signed --auth ops:secret -- ./migrate.sh");

        spec.addOption(valued(int.class, "PORT", "-p", "--port").defaultValue("0")
                .description("Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}. Env: SSEWATCH_PORT.")
                .build());
        spec.addOption(valued(String.class, "ADDRESS", "--bind").defaultValue("0.0.0.0")
                .description("Address to listen on. The default, ${DEFAULT-VALUE}, is every interface, so teammates "
                        + "can connect; 127.0.0.1 keeps the page to this machine. Env: SSEWATCH_BIND.")
                .build());
        spec.addOption(valued(Path.class, "FILE", "--url-file")
                .description("Also write the URL to FILE once the server is listening, for scripts.")
                .build());
        spec.addOption(valued(Duration.class, "DURATION", "--linger").converters(new HumanDuration())
                .description("How long to keep serving the page after the command ends, so late viewers still see the "
                        + "run: 30s, 10m, 1h or forever (until Ctrl-C). Default: forever when stderr is a terminal, 0 "
                        + "otherwise, so scripts and CI jobs never hang. Env: SSEWATCH_LINGER.")
                .build());
        spec.addOption(valued(String.class, "TEXT", "--title")
                .description("A title for the page, shown above the command.")
                .build());
        spec.addOption(flag("-q", "--quiet")
                .description("Do not echo the command's output to the terminal.")
                .build());
        spec.addOption(flag("--pty")
                .description("Run the command under a pseudo-terminal, so that it colours and line-buffers its output "
                        + "as it would in a terminal. Its stdout and stderr then share the terminal and both arrive "
                        + "as stdout.")
                .build());
        spec.addOption(flag("--merge-stderr")
                .description("Send the command's stderr into the same pipe as its stdout, so that the page shows "
                        + "both in exactly the terminal's order at any speed; everything then arrives as stdout. "
                        + "Without it, stdout and stderr keep their order when written a fraction of a millisecond "
                        + "apart or more.")
                .build());
        spec.addOption(flag("--no-unbuffer")
                .description("Do not set PYTHONUNBUFFERED=1 for the command. By default it is set, so that Python "
                        + "programs write each line as they print it rather than in 4 KiB bursts.")
                .build());
        spec.addOption(valued(Duration.class, "DURATION", "--kill-after").defaultValue("5s")
                .converters(new HumanDuration())
                .description("After Ctrl-C, SIGTERM or SIGHUP, how long the command and its children have to exit "
                        + "after SIGTERM before they get SIGKILL. Default: ${DEFAULT-VALUE}.")
                .build());
        spec.addOption(size("--max-line", (RunConfig.DEFAULT_MAX_LINE_BYTES >> 10) + "K")
                .description("Split lines longer than SIZE bytes into pieces marked as continuations. "
                        + "Default: ${DEFAULT-VALUE}.")
                .build());
        spec.addOption(valued(int.class, "EVENTS", "--history").defaultValue("" + JournalConfig.DEFAULT_MAX_EVENTS)
                .description("Keep at most EVENTS events in memory; older ones move to the spill file. "
                        + "Default: ${DEFAULT-VALUE}.")
                .build());
        spec.addOption(size("--history-bytes", (JournalConfig.DEFAULT_MAX_BYTES >> 20) + "M")
                .description("Keep at most SIZE of output in memory; older events move to the spill file. "
                        + "Default: ${DEFAULT-VALUE}.")
                .build());
        spec.addOption(valued(Path.class, "DIR", "--spill-dir")
                .description("Directory for the spill file, deleted at exit. Default: the system's temporary "
                        + "directory. Env: SSEWATCH_SPILL_DIR.")
                .build());
        spec.addOption(size("--spill-max", (JournalConfig.DEFAULT_SPILL_MAX_BYTES >> 30) + "G")
                .description("Largest size of the spill file. Output beyond it is dropped, and viewers are shown a "
                        + "gap where it was; 0 keeps only what fits in memory. Default: ${DEFAULT-VALUE}.")
                .build());
        spec.addOption(valued(String.class, "TOKEN", "--token")
                .description("The secret path segment every URL carries, instead of a new random one each run: a "
                        + "rerun with the same token keeps the same link. " + Tokens.RULE + ". Env: SSEWATCH_TOKEN.")
                .build());
        spec.addOption(flag("--no-token")
                .description("Serve without a token, at the server's root: anyone who can reach the port can watch. "
                        + "Meant for a trusted network or behind a proxy that checks access.")
                .build());
        spec.addOption(valued(String.class, "USER:PASS", "--auth")
                .description("Also require HTTP Basic authentication. Prefer SSEWATCH_AUTH or --auth-file, which keep "
                        + "the password out of the process list. Env: SSEWATCH_AUTH.")
                .build());
        spec.addOption(valued(Path.class, "FILE", "--auth-file")
                .description("Read USER:PASS for Basic authentication from the first line of FILE.")
                .build());
        spec.addOption(valued(Path.class, "FILE", "--tls-cert")
                .description("Serve HTTPS (with HTTP/2) using this PEM certificate chain; needs --tls-key.")
                .build());
        spec.addOption(valued(Path.class, "FILE", "--tls-key")
                .description("The unencrypted PKCS#8 PEM private key for --tls-cert.")
                .build());
        spec.addOption(flag("--tls-self-signed")
                .description("Serve HTTPS (with HTTP/2) with a new self-signed certificate and print its SHA-256 "
                        + "fingerprint, for viewers to compare with what their browser shows.")
                .build());
        spec.addOption(valued(int.class, "N", "--max-viewers").defaultValue("" + StreamOptions.DEFAULT_MAX_VIEWERS)
                .description("Most viewers (open streams and waiting polls) at once; more get 503. "
                        + "Default: ${DEFAULT-VALUE}. Env: SSEWATCH_MAX_VIEWERS.")
                .build());
        spec.addOption(valued(URI.class, "URL", "--public-url")
                .description("The URL at which a reverse proxy serves ssewatch's root, to print instead of this "
                        + "machine's addresses (the token is appended). Env: SSEWATCH_PUBLIC_URL.")
                .build());
        spec.addOption(flag("-v", "--verbose")
                .description("Show stack traces of ssewatch's own errors.")
                .build());
        // What picocli's mixinStandardHelpOptions adds, without the annotated class it reads them from.
        spec.addOption(flag("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        spec.addOption(flag("-V", "--version").versionHelp(true)
                .description("Print version information and exit.")
                .build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..*")
                .type(List.class).auxiliaryTypes(String.class).initialValue(List.of())
                .description("The command to run and its arguments, run directly (no shell). Put -- before it when "
                        + "it has options of its own.")
                .build());
        return spec;
    }

    private static OptionSpec.Builder valued(Class<?> type, String label, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label);
    }

    private static OptionSpec.Builder flag(String... names) {
        return OptionSpec.builder(names).type(boolean.class).initialValue(false);
    }

    private static OptionSpec.Builder size(String name, String defaultValue) {
        return valued(long.class, "SIZE", name).defaultValue(defaultValue).converters(new ByteSize());
    }

    private final CommandSpec spec = describe(this);
    private final Console console;
    private final Map<String, String> env;

    /** For picocli's tools (man page, completion), which only read the options. */
    SsewatchCommand() {
        this(null, Map.of());
    }

    SsewatchCommand(Console console, Map<String, String> env) {
        this.console = console;
        this.env = env;
    }

    @Override
    public Integer call() throws CliException {
        Settings settings = settings();
        return new Watch(settings, console).run();
    }

    /** Everything the options say, checked once. */
    Settings settings() throws CliException {
        List<String> command = spec.positionalParameters().get(0).getValue();
        long maxLine = value("--max-line");
        Path tlsCert = value("--tls-cert");
        Path tlsKey = value("--tls-key");
        boolean tlsSelfSigned = value("--tls-self-signed");
        boolean noToken = value("--no-token");
        String token = value("--token");
        String auth = value("--auth");
        Path authFile = value("--auth-file");
        URI publicUrl = value("--public-url");
        if (command.isEmpty() && console.stdinIsTerminal()) {
            throw CliException.usage("no command to run, and standard input is a terminal (try: ssewatch -- make)");
        }
        if (maxLine < 16 || maxLine > (64L << 20)) {
            throw CliException.usage("--max-line must be from 16 bytes to 64M: " + maxLine);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw CliException.usage("--tls-cert and --tls-key go together");
        }
        if (tlsSelfSigned && tlsCert != null) {
            throw CliException.usage("choose --tls-self-signed or --tls-cert, not both");
        }
        if (noToken && token != null) {
            throw CliException.usage("choose --token or --no-token, not both");
        }
        if (auth != null && authFile != null) {
            throw CliException.usage("choose --auth or --auth-file, not both");
        }
        try {
            ServerConfig server = ServerConfig.defaults()
                    .withBind(value("--bind"))
                    .withPort(value("--port"))
                    .withToken(noToken ? null : token != null ? checkedToken(token) : Tokens.generate())
                    .withMaxViewers(value("--max-viewers"));
            if (publicUrl != null) {
                server = server.withPublicUrl(publicUrl);
            }
            if (auth != null) {
                server = server.withAuth(BasicAuth.parse(auth));
            } else if (authFile != null) {
                server = server.withAuth(readAuthFile(authFile));
            }
            if (tlsSelfSigned) {
                server = server.withTls(TlsConfig.ephemeral());
            } else if (tlsCert != null) {
                server = server.withTls(TlsConfig.pem(tlsCert, tlsKey));
            }
            Path spillDir = value("--spill-dir");
            long spillMax = value("--spill-max");
            if (spillDir != null && spillMax != 0 && Files.exists(spillDir) && !Files.isDirectory(spillDir)) {
                throw CliException.usage("--spill-dir " + spillDir + " is not a directory");
            }
            Path spill = spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
            JournalConfig journal = new JournalConfig(value("--history"), value("--history-bytes"),
                    spillMax == 0 ? null : spill, spillMax);
            String title = value("--title");
            RunConfig run = command.isEmpty() ? null : new RunConfig(command, Path.of("").toAbsolutePath(), Map.of(),
                    value("--pty"), value("--kill-after"), (int) maxLine, !(boolean) value("--no-unbuffer"), title,
                    value("--merge-stderr"));
            Duration linger = value("--linger");
            Duration lingerFor = linger != null ? linger : console.stderrIsTerminal() ? HumanDuration.FOREVER : Duration.ZERO;
            return new Settings(run, journal, server, lingerFor, value("--url-file"), value("--quiet"), title,
                    (int) maxLine, verbose());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The option's value after parsing: what was given, else its default, else its initial value. */
    private <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    private static String checkedToken(String t) {
        if (!Tokens.isStrong(t)) {
            throw new IllegalArgumentException("--token must be " + Tokens.RULE + " (got " + t.length() + " characters)");
        }
        return t;
    }

    private static BasicAuth readAuthFile(Path file) throws CliException {
        try {
            return BasicAuth.fromFile(file);
        } catch (java.io.IOException e) {
            throw CliException.usage("cannot read --auth-file " + file + ": " + e.getMessage());
        }
    }

    boolean verbose() {
        return value("--verbose");
    }

    Map<String, String> env() {
        return env;
    }
}
