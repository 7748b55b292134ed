package org.ssewatch.share;

import com.pty4j.PtyProcessBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a command and records its stdout and stderr line by line. Standard input is inherited, so
 * the command reads the terminal (or pipe) directly. {@link #terminate()} ends the command and its
 * whole process tree: SIGTERM first, SIGKILL after the grace period.
 */
public final class CommandRunner implements Runner {
    /** How long output may still arrive after the command exits, from children holding its pipes. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final RunConfig config;
    private final Recorder recorder;
    private final OutputStream echoOut;
    private final OutputStream echoErr;
    private final AtomicBoolean terminating = new AtomicBoolean();
    /** Set by terminate(), so that one asked before the process exists (a hub's cancel) is done once it does. */
    private volatile boolean terminateAsked;
    private volatile Process process;
    private final java.util.function.Consumer<String> notices;
    /** Ends the tree after terminate(); run() waits for it, so no SIGKILL is left undone at exit. */
    private volatile Thread terminator;
    /** The run's secrets and markup state, shared by its streams; set by run() before any output. */
    private SecretMask mask;
    private Markup markup;

    /** {@code echoOut} and {@code echoErr} receive the raw output; null for none ({@code --quiet}). */
    public CommandRunner(RunConfig config, Recorder recorder, OutputStream echoOut, OutputStream echoErr) {
        this(config, recorder, echoOut, echoErr, message -> { });
    }

    /**
     * @param notices ssewatch's own one-line messages about the run (an event the command sent
     *                through {@code SSEWATCH_EVENTS} that was refused), for its standard error
     */
    public CommandRunner(RunConfig config, Recorder recorder, OutputStream echoOut, OutputStream echoErr,
                         java.util.function.Consumer<String> notices) {
        this.config = config;
        this.recorder = recorder;
        this.echoOut = echoOut;
        this.echoErr = echoErr;
        this.notices = notices;
    }

    /**
     * Why the command cannot start (not found, not executable), or null when it can. Checked before
     * anything is served: with nothing to watch there is nothing to share.
     */
    public static ExitStatus problem(RunConfig config) {
        Map<String, String> env = environment(config);
        return CommandLocator.problem(config.command().get(0), config.workDir(), env.get("PATH"));
    }

    @Override
    public ExitStatus run() {
        Map<String, String> env = environment(config);
        String program = config.command().get(0);
        ExitStatus status = CommandLocator.problem(program, config.workDir(), env.get("PATH"));
        mask = SecretMask.of(config.masks(), config.maskEnv(), env);
        markup = config.markup() ? new Markup(recorder, mask) : null;
        EventFifo fifo = status == null ? eventFifo() : null;
        try (PartialLineTicker ticker = new PartialLineTicker(); fifo) {
            OutputCapture output = null;
            EventReader events = fifo == null ? null : new EventReader(fifo, recorder, mask, new Refusals(recorder, notices));
            if (status == null) {
                if (fifo != null) {
                    env.put(EVENTS_VARIABLE, fifo.path().toString());
                } else {
                    env.remove(EVENTS_VARIABLE); // an outer ssewatch's: its run is not this one
                }
                try {
                    output = start(env, ticker);
                    if (terminateAsked) {
                        terminate();
                    }
                } catch (IOException e) {
                    status = ExitStatus.failed(program + ": " + e.getMessage());
                }
            }
            if (output == null) {
                if (events != null) {
                    events.finish();
                }
                recorder.start(startInfo(null));
                recorder.exit(masked(status));
                return status;
            }
            recorder.start(startInfo(process.pid()));
            output.start();
            if (events != null) {
                events.start(output);
            }
            status = ExitStatus.fromProcess(waitFor(process));
            try {
                Thread ending = terminator;
                if (ending != null) {
                    ending.join(); // children that ignore SIGTERM are still to be killed
                }
                output.drain(System.nanoTime() + DRAIN.toNanos());
                if (events != null) {
                    events.finish();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(process);
            }
        } catch (IOException e) {
            notices.accept("could not remove " + EVENTS_VARIABLE + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reapAdopted();
        recorder.exit(status);
        return status;
    }

    /** Starts the command with its output going into pipes that one thread reads. */
    private OutputCapture start(Map<String, String> env, PartialLineTicker ticker) throws IOException {
        if (config.pty()) {
            return startUnderPty(env, ticker);
        }
        ProcessBuilder pb = new ProcessBuilder(config.command()).directory(config.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        pb.redirectErrorStream(config.mergeStderr());
        ChildPipe out;
        try {
            out = ChildPipe.open();
        } catch (IOException e) {
            return startWithProcessStreams(pb, ticker); // no /proc: Java's streams, one thread each
        }
        ChildPipe err = null;
        try {
            pb.redirectOutput(out.writeEnd());
            if (!config.mergeStderr()) {
                err = ChildPipe.open();
                pb.redirectError(err.writeEnd());
            }
            process = pb.start();
            out.closeWriteEnd();
            List<OutputReader.Stream> streams = new ArrayList<>();
            streams.add(new OutputReader.Stream(EventTypes.STDOUT, out.source(), out.readFd(), echoOut,
                    decoder(EventTypes.STDOUT, ticker)));
            if (err != null) {
                err.closeWriteEnd();
                streams.add(new OutputReader.Stream(EventTypes.STDERR, err.source(), err.readFd(), echoErr,
                        decoder(EventTypes.STDERR, ticker)));
            }
            return new OutputReader(streams);
        } catch (IOException | RuntimeException e) {
            out.close();
            if (err != null) {
                err.close();
            }
            if (process != null) {
                killTree(process);
            }
            throw e;
        }
    }

    private OutputCapture startUnderPty(Map<String, String> env, PartialLineTicker ticker) throws IOException {
        process = new PtyProcessBuilder(config.command().toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(config.workDir().toString())
                .setRedirectErrorStream(false)
                .setInitialColumns(intEnv(env, "COLUMNS", 120))
                .setInitialRows(intEnv(env, "LINES", 40))
                .start();
        return pumps(ticker);
    }

    private OutputCapture startWithProcessStreams(ProcessBuilder pb, PartialLineTicker ticker) throws IOException {
        process = pb.start();
        return pumps(ticker);
    }

    /** One thread per stream of Java's {@code Process}; a stream closes when the command exits. */
    private OutputCapture pumps(PartialLineTicker ticker) {
        List<Thread> threads = new ArrayList<>();
        threads.add(pump(process.getInputStream(), echoOut, decoder(EventTypes.STDOUT, ticker), EventTypes.STDOUT));
        if (!config.mergeStderr() || config.pty()) {
            threads.add(pump(process.getErrorStream(), echoErr, decoder(EventTypes.STDERR, ticker), EventTypes.STDERR));
        }
        return new OutputCapture() {
            @Override
            public void start() {
                threads.forEach(Thread::start);
            }

            @Override
            public void drain(long deadlineNanos) throws InterruptedException {
                for (Thread t : threads) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
                }
            }
        };
    }

    /** The variable that names the run's FIFO for typed events, in the command's environment. */
    public static final String EVENTS_VARIABLE = "SSEWATCH_EVENTS";

    /** The run's FIFO for typed events; without one (no JNA, no temporary directory) the run goes on without. */
    private EventFifo eventFifo() {
        try {
            return EventFifo.create(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException | RuntimeException e) {
            notices.accept("no " + EVENTS_VARIABLE + " for this run: " + e.getMessage());
            return null;
        }
    }

    /** Why the command could not start names the command, which may hold a secret. */
    private ExitStatus masked(ExitStatus s) {
        return s.message() == null ? s : new ExitStatus(s.status(), s.code(), s.signal(), s.kind(), mask.mask(s.message()));
    }

    private static Map<String, String> environment(RunConfig config) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (config.unbuffer()) {
            RunConfig.UNBUFFER_ENVIRONMENT.forEach(env::putIfAbsent);
        }
        if (config.pty()) {
            env.putIfAbsent("TERM", "xterm-256color");
        }
        env.putAll(config.environment());
        return env;
    }

    /** Masked with what is known before the command runs: a token is often passed as an argument. */
    private StartInfo startInfo(Long pid) {
        List<String> command = config.command().stream().map(mask::mask).toList();
        String title = config.title() == null ? null : mask.mask(config.title());
        return new StartInfo(command, mask.mask(config.workDir().toString()), Host.name(), pid, title, config.pty());
    }

    private LineDecoder decoder(String type, PartialLineTicker ticker) {
        LineDecoder decoder = MarkupFilter.decoder(config.maxLineBytes(), recorder.lines(type), markup, mask);
        ticker.add(decoder);
        return decoder;
    }

    private static Thread pump(java.io.InputStream in, OutputStream echo, LineDecoder decoder, String type) {
        Thread t = new Thread(new StreamPump(in, echo, decoder), "ssewatch-" + type);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void terminate() {
        terminateAsked = true;
        Process p = process;
        if (p != null && terminating.compareAndSet(false, true)) {
            Thread t = new Thread(() -> killTree(p), "ssewatch-terminate");
            t.setDaemon(true);
            terminator = t;
            t.start();
        }
    }

    @Override
    public void kill() {
        Process p = process;
        if (p != null) {
            tree(p).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * SIGTERM to the whole tree, then SIGKILL to whatever is left after the grace period. The tree
     * is listed before anything is signalled: once a parent dies its children are re-parented and
     * no longer show up as its descendants.
     */
    private void killTree(Process root) {
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + config.killAfter().toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break; // timed out (or interrupted): escalate now
            }
        }
        tree.addAll(tree(root));
        List<ProcessHandle> killed = new ArrayList<>();
        for (ProcessHandle h : tree) {
            if (h.isAlive() && h.destroyForcibly()) {
                killed.add(h);
            }
        }
        // Let the kernel finish them before ssewatch reports the run over (best effort: a process
        // whose new parent is slow to reap it stays a zombie, which runs nothing).
        long reapDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (ProcessHandle h : killed) {
            long left = reapDeadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break;
            }
        }
    }

    /**
     * Processes of the command's tree that lost their parent and were re-parented to ssewatch (see
     * {@link ChildSubreaper}), with their own descendants. Only ssewatch's command line makes itself
     * the subreaper, and it starts no other process, so every other child of ssewatch is one.
     */
    private static java.util.stream.Stream<ProcessHandle> adopted(long rootPid) {
        if (!ChildSubreaper.isActive()) {
            return java.util.stream.Stream.empty();
        }
        return ProcessHandle.current().children()
                .filter(h -> h.pid() != rootPid)
                .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()));
    }

    /** Collects the adopted processes that have ended, so none is left a zombie. */
    private void reapAdopted() {
        Process p = process;
        if (p != null) {
            adopted(p.pid()).forEach(h -> ChildSubreaper.reap(h.pid()));
        }
    }

    /**
     * The command and every process below it, including those adopted from it. pty4j's processes
     * have no handle of their own, so the command's is looked up by its pid.
     */
    private static List<ProcessHandle> tree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(p.pid()).ifPresent(root -> {
            tree.add(root);
            root.descendants().forEach(tree::add);
        });
        adopted(p.pid()).forEach(tree::add);
        return tree;
    }

    private static int waitFor(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // Keep waiting: the exit status is what the journal must end with.
            }
        }
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        try {
            return Integer.parseInt(env.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
