package org.ssewatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.time.Instant;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.redis.RedisPublisher;
import org.ssewatch.redis.RunId;
import org.ssewatch.share.ChildSubreaper;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Journal;
import org.ssewatch.share.PipeRunner;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.Recording;
import org.ssewatch.share.Runner;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.WatchServer;

/**
 * One ssewatch session: start the server, run the command (or read the pipe) into the journal,
 * let viewers see the end, linger, stop. Signals end the command first and the session after.
 */
final class Watch {
    /** Without lingering, how long viewers already connected get to receive the exit event. */
    private static final Duration FAREWELL = Duration.ofSeconds(5);

    private final Settings settings;
    private final Console console;
    private final CountDownLatch stopLingering = new CountDownLatch(1);
    private volatile boolean lingering;
    private volatile boolean interrupted;

    Watch(Settings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    int run() throws CliException {
        Thread subreaper = null;
        if (settings.source() instanceof Source.Command command) {
            ExitStatus problem = CommandRunner.problem(command.run());
            if (problem != null) {
                console.say(problem.message()); // nothing will run, so there is nothing to share
                return problem.status();
            }
            // Loading JNA takes a tenth of a second of CPU: beside the server's start, not before it.
            subreaper = new Thread(ChildSubreaper::become, "ssewatch-subreaper");
            subreaper.start();
        }
        Recording recording;
        try {
            recording = Recording.start(settings.journal(), console::say, settings.save(), null);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "--save: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
        }
        try (recording) {
            Journal journal = recording.journal();
            Recorder recorder = recording.recorder();
            WatchServer server;
            try {
                server = WatchServer.start(settings.server(), recorder);
            } catch (ServerStartException e) {
                throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
            }
            RedisPublisher publisher = null;
            try {
                announce(server, console, settings.urlFile());
                publisher = publisher(journal);
                if (subreaper != null) {
                    subreaper.join(); // before the command can leave an orphan behind
                }
                int status = watch(recorder, server);
                if (publisher != null) {
                    publisher.finish(); // bounded; says once what Redis did not take, and the status stays the command's
                }
                return status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            } finally {
                server.close();
                if (publisher != null) {
                    publisher.close();
                }
            }
        }
    }

    /** With --publish, one more reader of the journal; it reads from the first event, whenever it starts. */
    private RedisPublisher publisher(Journal journal) {
        PublishConfig publish = settings.publish();
        if (publish == null) {
            return null;
        }
        RedisPublisher publisher = new RedisPublisher(journal, publish, RunId.generate(Instant.now()), console::say);
        console.say("publishing to " + publish.url() + " as run " + publisher.runId());
        publisher.start();
        return publisher;
    }

    private int watch(Recorder recorder, WatchServer server) throws CliException {
        Runner runner = runner(recorder);
        SignalTrap trap = new SignalTrap();
        trap.install(count -> {
            if (lingering) {
                stopLingering.countDown();
            } else if (count == 1) {
                interrupted = true;
                console.say("stopping the command (press Ctrl-C again to kill it now)");
                runner.terminate();
            } else {
                runner.kill();
            }
        });
        Thread safetyNet = new Thread(runner::kill, "ssewatch-exit");
        Runtime.getRuntime().addShutdownHook(safetyNet);
        ExitStatus status;
        try {
            status = runner.run();
            trap.commandEnded("SIGINT".equals(status.signal()));
        } finally {
            removeHook(safetyNet);
        }
        if (status.message() != null) {
            console.say(status.message());
        }
        try {
            if (settings.linger().isZero() || interrupted) {
                server.awaitViewersCaughtUp(FAREWELL);
            } else {
                linger(server, status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status.status();
    }

    private Runner runner(Recorder recorder) {
        OutputStream out = settings.quiet() ? null : console.out();
        if (settings.source() instanceof Source.Command command) {
            return new CommandRunner(command.run(), recorder, out, settings.quiet() ? null : console.err(), console::say);
        }
        Source.Pipe pipe = (Source.Pipe) settings.source();
        return new PipeRunner(console.in(), out, recorder, pipe.maxLineBytes(), pipe.title(), pipe.markup(),
                pipe.masks(), pipe.maskEnv());
    }

    private void linger(WatchServer server, ExitStatus status) throws InterruptedException {
        lingering = true;
        String how = status.signal() != null ? "killed by " + status.signal() : "exit status " + status.status();
        String until = settings.linger().equals(HumanDuration.FOREVER)
                ? "press Ctrl-C to stop" : "for " + settings.linger().toString().substring(2).toLowerCase() + ", or until Ctrl-C";
        console.say("finished (" + how + "); still serving " + console.emphasis(server.baseUrl().toString()) + " " + until);
        stopLingering.await(Math.min(settings.linger().toMillis(), Long.MAX_VALUE / 2), TimeUnit.MILLISECONDS);
    }

    /** Says where the run is served, and writes the URL to {@code urlFile} when there is one. */
    static void announce(WatchServer server, Console console, Path urlFile) throws CliException {
        announce("watching at ", server.urls(), server.certificateFingerprint(), console, urlFile);
    }

    /** Says {@code what} and the first of {@code urls}, the others after, and writes the first to {@code urlFile}. */
    static void announce(String what, List<URI> urls, String fingerprint, Console console, Path urlFile) throws CliException {
        console.say(what + console.emphasis(urls.get(0).toString()));
        if (urls.size() > 1) {
            console.say("also at " + urls.stream().skip(1).limit(4).map(URI::toString).collect(Collectors.joining("  ")));
        }
        if (fingerprint != null) {
            console.say("TLS certificate SHA-256 fingerprint " + fingerprint);
        }
        if (urlFile != null) {
            writeUrlFile(urlFile, urls.get(0));
        }
    }

    private static void writeUrlFile(Path file, URI url) throws CliException {
        try {
            Path abs = file.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), ".ssewatch-url", ".tmp");
            Files.writeString(tmp, url + "\n");
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write --url-file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting: the hook runs, which is what it is for.
        }
    }
}
