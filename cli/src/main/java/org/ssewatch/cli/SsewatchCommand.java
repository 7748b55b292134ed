package org.ssewatch.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ssewatch} command line: its options, checked and turned into {@link Settings}. */
@Command(name = "ssewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "",
        header = "Watch a long-running command live from a browser, and share the link.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "@|bold ssewatch|@ [OPTIONS] [--] COMMAND [ARG...]",
            "       COMMAND 2>&1 | @|bold ssewatch|@ [OPTIONS]",
        },
        descriptionHeading = "%n",
        description = {
            "Runs COMMAND, echoes its output to the terminal unchanged, and serves it live to browsers at the URL it "
                    + "prints. Viewers see every line as it arrives, late joiners see the whole run, and the page shows "
                    + "how the run ended. Without COMMAND, ssewatch watches its standard input until it closes.",
        },
        optionListHeading = "%nOptions:%n",
        parameterListHeading = "%nArguments:%n",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.COMMAND, ExitCodes.SIGNALED, ExitCodes.NOT_FOUND_LINE, ExitCodes.NOT_EXECUTABLE_LINE,
            ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.PIPE_LINE},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ssewatch -- make -j8                  watch a build; Ctrl-C stops it",
            "  ssewatch --title 'Deploy' -- ./deploy.sh production",
            "  ssewatch --pty -- npm test            as if in a terminal: colours, line buffering",
            "  make 2>&1 | ssewatch                  watch a pipe",
            "  ssewatch --linger 10m -- ./nightly.sh keep the page up 10 minutes after the end",
            "  ssewatch --tls-self-signed --auth ops:secret -- ./migrate.sh",
        },
        // No @Command methods here: skip picocli's reflective search for them, ~10 ms at every start.
        addMethodSubcommands = false)
final class SsewatchCommand implements Callable<Integer> {
    /** The command line for {@code command}: its options, and its {@code generate-completion} subcommand. */
    static CommandLine commandLine(SsewatchCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.addSubcommand(CompletionCommand.NAME, CompletionCommand.spec());
        return cl;
    }

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "0",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}. Env: SSEWATCH_PORT.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on. The default, ${DEFAULT-VALUE}, is every interface, so teammates can "
                    + "connect; 127.0.0.1 keeps the page to this machine. Env: SSEWATCH_BIND.")
    String bind;

    @Option(names = "--url-file", paramLabel = "FILE",
            description = "Also write the URL to FILE once the server is listening, for scripts.")
    Path urlFile;

    @Option(names = "--linger", paramLabel = "DURATION", converter = HumanDuration.class,
            description = "How long to keep serving the page after the command ends, so late viewers still see the "
                    + "run: 30s, 10m, 1h or forever (until Ctrl-C). Default: forever when stderr is a terminal, 0 "
                    + "otherwise, so scripts and CI jobs never hang. Env: SSEWATCH_LINGER.")
    Duration linger;

    @Option(names = "--title", paramLabel = "TEXT", description = "A title for the page, shown above the command.")
    String title;

    @Option(names = {"-q", "--quiet"}, description = "Do not echo the command's output to the terminal.")
    boolean quiet;

    @Option(names = "--pty",
            description = "Run the command under a pseudo-terminal, so that it colours and line-buffers its output "
                    + "as it would in a terminal. Its stdout and stderr then share the terminal and both arrive as "
                    + "stdout.")
    boolean pty;

    @Option(names = "--no-unbuffer",
            description = "Do not set PYTHONUNBUFFERED=1 for the command. By default it is set, so that Python "
                    + "programs write each line as they print it rather than in 4 KiB bursts.")
    boolean noUnbuffer;

    @Option(names = "--kill-after", paramLabel = "DURATION", defaultValue = "5s", converter = HumanDuration.class,
            description = "After Ctrl-C, SIGTERM or SIGHUP, how long the command and its children have to exit after "
                    + "SIGTERM before they get SIGKILL. Default: ${DEFAULT-VALUE}.")
    Duration killAfter;

    @Option(names = "--max-line", paramLabel = "SIZE", defaultValue = (RunConfig.DEFAULT_MAX_LINE_BYTES >> 10) + "K",
            converter = ByteSize.class,
            description = "Split lines longer than SIZE bytes into pieces marked as continuations. "
                    + "Default: ${DEFAULT-VALUE}.")
    long maxLine;

    @Option(names = "--history", paramLabel = "EVENTS", defaultValue = "" + JournalConfig.DEFAULT_MAX_EVENTS,
            description = "Keep at most EVENTS events in memory; older ones move to the spill file. "
                    + "Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--history-bytes", paramLabel = "SIZE", defaultValue = (JournalConfig.DEFAULT_MAX_BYTES >> 20) + "M",
            converter = ByteSize.class,
            description = "Keep at most SIZE of output in memory; older events move to the spill file. "
                    + "Default: ${DEFAULT-VALUE}.")
    long historyBytes;

    @Option(names = "--spill-dir", paramLabel = "DIR",
            description = "Directory for the spill file, deleted at exit. Default: the system's temporary "
                    + "directory. Env: SSEWATCH_SPILL_DIR.")
    Path spillDir;

    @Option(names = "--spill-max", paramLabel = "SIZE", defaultValue = (JournalConfig.DEFAULT_SPILL_MAX_BYTES >> 30) + "G",
            converter = ByteSize.class,
            description = "Largest size of the spill file. Output beyond it is dropped, and viewers are shown a "
                    + "gap where it was; 0 keeps only what fits in memory. Default: ${DEFAULT-VALUE}.")
    long spillMax;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The secret path segment every URL carries, instead of a new random one each run: a rerun "
                    + "with the same token keeps the same link. 22 or more of A-Z a-z 0-9 - _. Env: SSEWATCH_TOKEN.")
    String token;

    @Option(names = "--no-token",
            description = "Serve without a token, at the server's root: anyone who can reach the port can watch. "
                    + "Meant for a trusted network or behind a proxy that checks access.")
    boolean noToken;

    @Option(names = "--auth", paramLabel = "USER:PASS",
            description = "Also require HTTP Basic authentication. Prefer SSEWATCH_AUTH or --auth-file, which keep "
                    + "the password out of the process list. Env: SSEWATCH_AUTH.")
    String auth;

    @Option(names = "--auth-file", paramLabel = "FILE",
            description = "Read USER:PASS for Basic authentication from the first line of FILE.")
    Path authFile;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS (with HTTP/2) using this PEM certificate chain; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The unencrypted PKCS#8 PEM private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-self-signed",
            description = "Serve HTTPS (with HTTP/2) with a new self-signed certificate and print its SHA-256 "
                    + "fingerprint, for viewers to compare with what their browser shows.")
    boolean tlsSelfSigned;

    @Option(names = "--max-viewers", paramLabel = "N", defaultValue = "" + StreamOptions.DEFAULT_MAX_VIEWERS,
            description = "Most viewers (open streams and waiting polls) at once; more get 503. "
                    + "Default: ${DEFAULT-VALUE}. Env: SSEWATCH_MAX_VIEWERS.")
    int maxViewers;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL at which a reverse proxy serves ssewatch's root, to print instead of this "
                    + "machine's addresses (the token is appended). Env: SSEWATCH_PUBLIC_URL.")
    URI publicUrl;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of ssewatch's own errors.")
    boolean verbose;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command to run and its arguments, run directly (no shell). Put -- before it when it "
                    + "has options of its own.")
    List<String> command = new ArrayList<>();

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
                    .withBind(bind)
                    .withPort(port)
                    .withToken(noToken ? null : token != null ? checkedToken(token) : Tokens.generate())
                    .withMaxViewers(maxViewers);
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
            Path spill = spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
            JournalConfig journal = new JournalConfig(history, historyBytes, spillMax == 0 ? null : spill, spillMax);
            RunConfig run = command.isEmpty() ? null : new RunConfig(command, Path.of("").toAbsolutePath(), Map.of(), pty,
                    killAfter, (int) maxLine, !noUnbuffer, title);
            Duration lingerFor = linger != null ? linger : console.stderrIsTerminal() ? HumanDuration.FOREVER : Duration.ZERO;
            return new Settings(run, journal, server, lingerFor, urlFile, quiet, title, (int) maxLine, verbose);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private String checkedToken(String t) {
        if (!Tokens.isWellFormed(t)) {
            throw new IllegalArgumentException("--token may only hold A-Z a-z 0-9 - _ (got " + t.length() + " characters)");
        }
        if (!Tokens.isStrong(t)) {
            console.say("warning: a token shorter than " + Tokens.RECOMMENDED_LENGTH + " characters is easy to guess");
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
        return verbose;
    }

    Map<String, String> env() {
        return env;
    }
}
