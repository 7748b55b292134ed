package org.ssewatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ssewatch.web.WatchServer;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The entry point: parses, runs, exits. Everything else is testable through {@link #run}. */
public final class Main {
    /**
     * Undertow and XNIO announce themselves at INFO through java.util.logging, which would land on
     * the user's terminal between the command's lines. Held here: JUL keeps loggers only weakly.
     */
    private static final Logger[] QUIET = {
        Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss")};

    private Main() {
    }

    public static void main(String[] args) {
        NoPlatformMBeans.install();
        if (args.length == 0 || !args[0].equals(EmitCommand.NAME)) {
            WatchServer.prewarm(); // emit serves nothing
        }
        for (Logger logger : QUIET) {
            logger.setLevel(Level.WARNING);
        }
        Map<String, String> env = System.getenv();
        System.exit(run(Console.system(env), env, args));
    }

    /** Runs ssewatch with these streams and environment; returns its exit status. */
    static int run(Console console, Map<String, String> env, String... args) {
        return commandLine(console, env).execute(args);
    }

    static CommandLine commandLine(Console console, Map<String, String> env) {
        SsewatchCommand command = new SsewatchCommand(console, env);
        CommandLine cl = SsewatchCommand.commandLine(command);
        cl.setDefaultValueProvider(new EnvironmentDefaults(env));
        // Everything after the command's name belongs to the command: ssewatch make -j8 works.
        cl.setStopAtPositional(true);
        // show and export take no command, so their options may come after DIR as well.
        cl.getSubcommands().get(ShowCommand.NAME).setStopAtPositional(false);
        cl.getSubcommands().get(ExportCommand.NAME).setStopAtPositional(false);
        cl.getSubcommands().get(ServeCommand.NAME).setStopAtPositional(false);
        cl.getSubcommands().get(RelayCommand.NAME).setStopAtPositional(false);
        cl.setOut(new PrintWriter(new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(console.color() ? Ansi.ON : Ansi.OFF));
        cl.setParameterExceptionHandler((e, args) -> {
            console.say(e.getMessage());
            console.messages().println("Try 'ssewatch --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof CliException failure) {
                console.say(failure.getMessage());
                if (command.verbose() && failure.getCause() != null) {
                    failure.getCause().printStackTrace(console.messages());
                }
                return failure.exitCode;
            }
            console.say("internal error: " + e + (command.verbose() ? "" : " (--verbose shows where)"));
            if (command.verbose()) {
                e.printStackTrace(console.messages());
            }
            return ExitCodes.FAILED;
        });
        return cl;
    }
}
