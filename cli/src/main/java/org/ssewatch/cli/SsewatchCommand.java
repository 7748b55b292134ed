package org.ssewatch.cli;

import static org.ssewatch.cli.Options.HISTORY;
import static org.ssewatch.cli.Options.HISTORY_BYTES;
import static org.ssewatch.cli.Options.KILL_AFTER;
import static org.ssewatch.cli.Options.LINGER;
import static org.ssewatch.cli.Options.MASK;
import static org.ssewatch.cli.Options.MASK_ENV;
import static org.ssewatch.cli.Options.MAX_LINE;
import static org.ssewatch.cli.Options.MERGE_STDERR;
import static org.ssewatch.cli.Options.NO_MARKUP;
import static org.ssewatch.cli.Options.NO_UNBUFFER;
import static org.ssewatch.cli.Options.PTY;
import static org.ssewatch.cli.Options.QUIET;
import static org.ssewatch.cli.Options.SAVE;
import static org.ssewatch.cli.Options.SPILL_DIR;
import static org.ssewatch.cli.Options.SPILL_MAX;
import static org.ssewatch.cli.Options.TITLE;
import static org.ssewatch.cli.Options.URL_FILE;
import static org.ssewatch.cli.Options.VERBOSE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.RunConfig;
import org.ssewatch.share.RunDirectory;
import org.ssewatch.web.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code ssewatch} command: its parsed options, checked and turned into {@link Settings}, then run. */
final class SsewatchCommand implements Callable<Integer> {
    /** The command line for {@code command}: its options, and its subcommands {@code generate-completion}, {@code emit}, {@code show}, {@code export} and {@code serve}. */
    static CommandLine commandLine(SsewatchCommand command) {
        CommandLine cl = new CommandLine(command.spec);
        cl.addSubcommand(CompletionCommand.NAME, CompletionCommand.spec());
        cl.addSubcommand(EmitCommand.NAME, EmitCommand.spec(command.env));
        cl.addSubcommand(ShowCommand.NAME, ShowCommand.spec(command.console));
        cl.addSubcommand(ExportCommand.NAME, ExportCommand.spec(command.console));
        cl.addSubcommand(ServeCommand.NAME, ServeCommand.spec(command.console));
        cl.addSubcommand(RelayCommand.NAME, RelayCommand.spec(command.console));
        return cl;
    }

    private final CommandSpec spec = Options.describe(this);
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
        List<String> command = Options.command(spec);
        if (command.isEmpty() && console.stdinIsTerminal()) {
            throw CliException.usage("no command to run, and standard input is a terminal (try: ssewatch -- make)");
        }
        checkCombinations();
        try {
            ServerConfig server = ServerOptions.config(spec);
            JournalConfig journal = journal();
            PublishConfig publish = PublishOptions.config(spec);
            Source source = withPasswordMasked(source(command), publish);
            Duration linger = LINGER.get(spec);
            Duration lingerFor = linger != null ? linger : console.stderrIsTerminal() ? HumanDuration.FOREVER : Duration.ZERO;
            return new Settings(source, journal, server, lingerFor, URL_FILE.get(spec), QUIET.get(spec), verbose(),
                    publish, saveDir());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The usage errors of options that are each fine alone. */
    private void checkCombinations() throws CliException {
        long maxLine = MAX_LINE.get(spec);
        if (maxLine < 16 || maxLine > (64L << 20)) {
            throw CliException.usage("--max-line must be from 16 bytes to 64M: " + maxLine);
        }
        ServerOptions.check(spec);
    }

    /** --save's directory, which must not hold anything yet: a saved run is never overwritten. */
    private Path saveDir() throws CliException {
        Path dir = SAVE.get(spec);
        try {
            if (dir != null && Files.exists(dir) && !RunDirectory.isEmptyDirectory(dir)) {
                throw CliException.usage("--save " + dir + (Files.isDirectory(dir) ? " is not empty" : " is not a directory")
                        + " (a saved run is never overwritten: give a new directory)");
            }
        } catch (java.io.IOException e) {
            throw CliException.usage("--save " + dir + " cannot be read: " + e.getMessage());
        }
        return dir;
    }

    private JournalConfig journal() throws CliException {
        Path spillDir = SPILL_DIR.get(spec);
        long spillMax = SPILL_MAX.get(spec);
        if (spillDir != null && spillMax != 0 && Files.exists(spillDir) && !Files.isDirectory(spillDir)) {
            throw CliException.usage("--spill-dir " + spillDir + " is not a directory");
        }
        Path spill = spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
        return new JournalConfig(HISTORY.get(spec), HISTORY_BYTES.get(spec), spillMax == 0 ? null : spill, spillMax);
    }

    private Source source(List<String> command) throws CliException {
        int maxLine = MAX_LINE.get(spec).intValue(); // checked: at most 64M
        List<String> masks = masks();
        List<String> maskEnv = maskEnv();
        if (command.isEmpty()) {
            return new Source.Pipe(maxLine, TITLE.get(spec), !NO_MARKUP.get(spec), masks, maskEnv);
        }
        return new Source.Command(new RunConfig(command, Path.of("").toAbsolutePath(), Map.of(), PTY.get(spec),
                KILL_AFTER.get(spec), maxLine, !NO_UNBUFFER.get(spec), TITLE.get(spec), MERGE_STDERR.get(spec),
                !NO_MARKUP.get(spec), masks, maskEnv));
    }

    /** The --mask expressions, each checked here so that the error names the option. */
    private List<String> masks() throws CliException {
        List<String> masks = values(MASK);
        for (String mask : masks) {
            try {
                RunConfig.maskPattern(mask);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--mask: " + e.getMessage());
            }
        }
        return masks;
    }

    /**
     * The --mask-env names. One that is not set (or empty) has nothing to mask: the run goes on,
     * since the same job may run where the secret is not given, but the user hears of it, since a
     * misspelt name would otherwise leave the secret shown without a word.
     */
    private List<String> maskEnv() {
        List<String> names = values(MASK_ENV);
        for (String name : names) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                console.say("--mask-env " + name + ": the variable is " + (value == null ? "not set" : "empty")
                        + ", so there is nothing to mask for it");
            }
        }
        return names;
    }

    private List<String> values(Opt<List<String>> option) {
        List<String> given = option.get(spec);
        return given == null ? List.of() : List.copyOf(given);
    }

    /** The Redis password is a secret of the run like any other: masked if the command prints it. */
    private static Source withPasswordMasked(Source source, PublishConfig publish) {
        List<String> password = PublishOptions.passwordMasks(publish);
        if (password.isEmpty()) {
            return source;
        }
        if (source instanceof Source.Command c) {
            List<String> masks = new java.util.ArrayList<>(c.run().masks());
            masks.addAll(password);
            return new Source.Command(c.run().withMasks(masks, c.run().maskEnv()));
        }
        Source.Pipe p = (Source.Pipe) source;
        List<String> masks = new java.util.ArrayList<>(p.masks());
        masks.addAll(password);
        return new Source.Pipe(p.maxLineBytes(), p.title(), p.markup(), masks, p.maskEnv());
    }

    boolean verbose() {
        return VERBOSE.get(spec);
    }

    Map<String, String> env() {
        return env;
    }
}
