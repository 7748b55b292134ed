package org.ssewatch.cli;

import static org.ssewatch.cli.Options.KILL_AFTER;
import static org.ssewatch.cli.Options.URL_FILE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.jobs.Jobs;
import org.ssewatch.share.jobs.JobsFileException;
import org.ssewatch.share.runs.HubLimits;
import org.ssewatch.share.runs.JobLauncher;
import org.ssewatch.share.runs.Retention;
import org.ssewatch.share.runs.RunStore;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.access.Operators;
import org.ssewatch.web.hub.Hub;
import org.ssewatch.web.hub.HubServer;
import org.ssewatch.web.hub.HubToken;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ssewatch serve --jobs FILE --data DIR}: the hub (docs/PROTOCOL.md, "The hub") until
 * Ctrl-C, SIGTERM or SIGHUP, which end the running jobs as Ctrl-C ends a command first.
 */
final class ServeCommand implements Callable<Integer> {
    static final String NAME = "serve";
    static final String STOPPED_LINE = "0:Stopped by Ctrl-C, SIGTERM or SIGHUP.";
    static final String BAD_FILE_LINE = ExitCodes.USAGE + ":Usage error, or a mistake in the jobs or operators file "
            + "(FILE:LINE:COLUMN lines say which); nothing was started.";

    private final Console console;
    private CommandSpec spec;

    private ServeCommand(Console console) {
        this.console = console;
    }

    /** The subcommand's description; {@code console} is null for picocli's tools, which only read it. */
    static CommandSpec spec(Console console) {
        ServeCommand command = new ServeCommand(console);
        CommandSpec spec = SubcommandSpec.of(command, NAME,
                "Serve a hub: start the jobs of a jobs file from the web, keep and show every run.",
                "@|bold ssewatch serve|@ --jobs FILE --data DIR [OPTIONS]",
                "Serves the hub at the URL it prints, until Ctrl-C: the jobs of FILE (docs/JOBS.md), "
                        + "which operators (--operators) start from the page or the API, and every run, live or "
                        + "finished, with the same page as a watched command, under runs/ID/. Each run is saved in "
                        + "DIR/runs/ID, so the runs and the link (its token is kept in DIR) outlive the server. "
                        + "Ctrl-C ends the running jobs as it ends a command (SIGTERM, SIGKILL after --kill-after).",
                STOPPED_LINE, BAD_FILE_LINE, ExitCodes.FAILED_LINE);
        command.spec = spec;
        for (Opt<?> option : HubOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addOption(KILL_AFTER.toSpec());
        for (Opt<?> option : PublishOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        for (Opt<?> option : ServerOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addOption(URL_FILE.toSpec());
        SubcommandSpec.addHelp(spec);
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        ServerOptions.check(spec);
        HubOptions.check(spec);
        Path data = HubOptions.DATA.get(spec);
        Jobs jobs = jobs(HubOptions.JOBS.get(spec));
        Operators operators = operators(HubOptions.OPERATORS.get(spec));
        ServerConfig server;
        HubLimits limits;
        PublishConfig publish;
        try {
            server = ServerOptions.config(spec);
            publish = PublishOptions.config(spec);
            limits = new HubLimits(HubOptions.MAX_RUNNING.get(spec), KILL_AFTER.get(spec), JournalConfig.inMemory(10_000),
                    new Retention(Optional.ofNullable(HubOptions.KEEP.get(spec)), HubOptions.KEEP_RUNS.get(spec),
                            HubOptions.MAX_DISK.get(spec)), PublishOptions.passwordMasks(publish));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        RunStore store;
        try {
            if (Options.TOKEN.get(spec) == null && !Options.NO_TOKEN.get(spec)) {
                server = server.withToken(HubToken.load(data));
            }
            store = RunStore.open(data, console::say);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "--data " + data + ": " + e.getMessage(), e);
        }
        JobLauncher launcher = new JobLauncher(store, limits, console::say);
        launcher.addListener(new RunLog(store, console::say));
        HubPublishing publishing = publish == null ? null : new HubPublishing(store, publish, console::say);
        if (publishing != null) {
            launcher.addListener(publishing);
        }
        try {
            return serve(server, new Hub(jobs, store, launcher, operators), launcher);
        } finally {
            launcher.close();
            if (publishing != null) {
                finish(publishing);
            }
        }
    }

    private static void finish(HubPublishing publishing) {
        try {
            publishing.close(); // bounded by the publishers' flush wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Jobs jobs(Path file) throws CliException {
        try {
            return Jobs.load(file);
        } catch (JobsFileException e) {
            throw CliException.usage("the jobs file has mistakes, so nothing was started:\n" + e.getMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read --jobs " + file + ": " + e.getMessage());
        }
    }

    private Operators operators(Path file) throws CliException {
        if (file == null) {
            return null;
        }
        try {
            return Operators.load(file, console::say);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("the operators file has mistakes, so nothing was started:\n" + e.getMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read --operators " + file + ": " + e.getMessage());
        }
    }

    private int serve(ServerConfig config, Hub hub, JobLauncher launcher) throws CliException {
        HubServer server;
        try {
            server = HubServer.start(config, hub);
        } catch (ServerStartException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
        }
        try {
            CountDownLatch stop = new CountDownLatch(1);
            new SignalTrap().install(count -> {
                if (count == 1) {
                    stop.countDown();
                } else {
                    launcher.killAll();
                }
            });
            int jobs = hub.jobs().jobs().size();
            int runs = hub.store().list().size();
            console.say(jobs + (jobs == 1 ? " job, " : " jobs, ") + runs + (runs == 1 ? " run" : " runs") + " in "
                    + HubOptions.DATA.get(spec)
                    + (hub.operators() == null ? "; without --operators nobody can start jobs from the web" : ""));
            Watch.announce("serving the hub at ", server.urls(), server.certificateFingerprint(), console, URL_FILE.get(spec));
            stop.await();
            long running = hub.store().list().stream().filter(r -> r.running()).count();
            if (running > 0) {
                console.say("stopping " + running + " running job" + (running == 1 ? "" : "s")
                        + " (press Ctrl-C again to kill them now)");
            }
            launcher.close(); // while the hub still serves, so viewers see the runs end
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            server.close();
        }
    }
}
