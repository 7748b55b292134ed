package org.ssewatch.cli;

import static org.ssewatch.cli.Options.URL_FILE;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.SavedRun;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.WatchServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ssewatch show DIR}: serves a run saved with {@code --save} through the same page and
 * endpoints as the live run, until Ctrl-C, SIGTERM or SIGHUP. The run is over: viewers see how it
 * ended, or that it was interrupted, with its output up to then.
 */
final class ShowCommand implements Callable<Integer> {
    static final String NAME = "show";
    static final String SHOWN_LINE = "0:Stopped by Ctrl-C, SIGTERM or SIGHUP.";
    static final String NOT_A_RUN_LINE = ExitCodes.USAGE + ":Usage error, or DIR is not a saved run that this ssewatch can "
            + "read (missing, damaged, or of another format version); one line says why.";

    private final Console console;
    private CommandSpec spec;

    private ShowCommand(Console console) {
        this.console = console;
    }

    /** The subcommand's description; {@code console} is null for picocli's tools, which only read it. */
    static CommandSpec spec(Console console) {
        ShowCommand command = new ShowCommand(console);
        CommandSpec spec = SubcommandSpec.of(command, NAME,
                "Serve a run saved with --save: the same page and endpoints, the run finished or interrupted.",
                "@|bold ssewatch show|@ [OPTIONS] DIR",
                "Serves the run that 'ssewatch --save DIR' kept, at the URL it prints, until Ctrl-C. "
                        + "Viewers see every event of the run with the ids it had live, and how it ended; a run whose "
                        + "ssewatch was killed before the end is shown as interrupted, with its output up to then. "
                        + "Events are read from DIR as viewers ask for them, so a run of any size starts at once.",
                SHOWN_LINE, NOT_A_RUN_LINE, ExitCodes.FAILED_LINE);
        command.spec = spec;
        for (Opt<?> option : ServerOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addOption(URL_FILE.toSpec());
        SubcommandSpec.addHelp(spec);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("DIR").arity("1").type(Path.class)
                .description("A directory that 'ssewatch --save DIR' wrote.").build());
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        ServerOptions.check(spec);
        ServerConfig server;
        try {
            server = ServerOptions.config(spec);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Path dir = spec.positionalParameters().get(0).getValue();
        SavedRun run;
        try {
            run = SavedRun.open(dir, console::say);
        } catch (IOException e) {
            throw CliException.usage("cannot show " + dir + ": " + e.getMessage());
        }
        try (run) {
            if (run.notice() != null) {
                console.say(dir + ": " + run.notice());
            }
            if (run.journalProblem() != null) {
                console.say(dir + ": the saved journal misses events: " + run.journalProblem());
            }
            return serve(server, run, dir);
        }
    }

    private int serve(ServerConfig config, SavedRun run, Path dir) throws CliException {
        WatchServer server;
        try {
            server = WatchServer.start(config, run);
        } catch (ServerStartException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
        }
        try {
            CountDownLatch stop = new CountDownLatch(1);
            new SignalTrap().install(count -> stop.countDown());
            console.say("showing " + dir + ": " + ending(run));
            Watch.announce(server, console, URL_FILE.get(spec));
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            server.close();
        }
    }

    private static String ending(SavedRun run) {
        ExitStatus x = run.exitStatus();
        String when = Instant.ofEpochMilli(run.endedAt()).toString();
        if (run.interrupted()) {
            return "interrupted (ssewatch stopped before the run ended; its last event is from " + when + ")";
        }
        String how = x.signal() != null ? "killed by " + x.signal() : "exit status " + x.status();
        return "finished " + when + " (" + how + ")";
    }
}
