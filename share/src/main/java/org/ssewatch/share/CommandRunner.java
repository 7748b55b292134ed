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
    private volatile Process process;
    /** Ends the tree after terminate(); run() waits for it, so no SIGKILL is left undone at exit. */
    private volatile Thread terminator;

    /** {@code echoOut} and {@code echoErr} receive the raw output; null for none ({@code --quiet}). */
    public CommandRunner(RunConfig config, Recorder recorder, OutputStream echoOut, OutputStream echoErr) {
        this.config = config;
        this.recorder = recorder;
        this.echoOut = echoOut;
        this.echoErr = echoErr;
    }

    @Override
    public ExitStatus run() {
        Map<String, String> env = environment();
        String program = config.command().get(0);
        ExitStatus problem = CommandLocator.problem(program, config.workDir(), env.get("PATH"));
        if (problem == null) {
            try {
                process = start(env);
            } catch (IOException e) {
                problem = ExitStatus.failed(program + ": " + e.getMessage());
            }
        }
        if (problem != null) {
            recorder.start(startInfo(null));
            recorder.exit(problem);
            return problem;
        }
        recorder.start(startInfo(process.pid()));
        ExitStatus status;
        try (PartialLineTicker ticker = new PartialLineTicker()) {
            List<Thread> pumps = List.of(
                    pump(process.getInputStream(), echoOut, EventTypes.STDOUT, ticker),
                    pump(process.getErrorStream(), echoErr, EventTypes.STDERR, ticker));
            status = ExitStatus.fromProcess(waitFor(process));
            Thread ending = terminator;
            if (ending != null) {
                ending.join(); // children that ignore SIGTERM are still to be killed
            }
            long deadline = System.nanoTime() + DRAIN.toNanos();
            for (Thread t : pumps) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process.toHandle());
            status = ExitStatus.fromProcess(waitFor(process));
        }
        recorder.exit(status);
        return status;
    }

    private Process start(Map<String, String> env) throws IOException {
        if (config.pty()) {
            return new PtyProcessBuilder(config.command().toArray(String[]::new))
                    .setEnvironment(env)
                    .setDirectory(config.workDir().toString())
                    .setRedirectErrorStream(false)
                    .setInitialColumns(intEnv(env, "COLUMNS", 120))
                    .setInitialRows(intEnv(env, "LINES", 40))
                    .start();
        }
        ProcessBuilder pb = new ProcessBuilder(config.command()).directory(config.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private Map<String, String> environment() {
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

    private StartInfo startInfo(Long pid) {
        return new StartInfo(config.command(), config.workDir().toString(), Host.name(), pid, config.title(), config.pty());
    }

    private Thread pump(java.io.InputStream in, OutputStream echo, String type, PartialLineTicker ticker) {
        LineDecoder decoder = new LineDecoder(config.maxLineBytes(), recorder.lines(type));
        ticker.add(decoder);
        Thread t = new Thread(new StreamPump(in, echo, decoder), "ssewatch-" + type);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void terminate() {
        Process p = process;
        if (p != null && terminating.compareAndSet(false, true)) {
            Thread t = new Thread(() -> killTree(p.toHandle()), "ssewatch-terminate");
            t.setDaemon(true);
            terminator = t;
            t.start();
        }
    }

    @Override
    public void kill() {
        Process p = process;
        if (p != null) {
            ProcessHandle root = p.toHandle();
            List<ProcessHandle> tree = new ArrayList<>();
            root.descendants().forEach(tree::add);
            tree.add(root);
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * SIGTERM to the whole tree, then SIGKILL to whatever is left after the grace period. The tree
     * is listed before anything is signalled: once a parent dies its children are re-parented and
     * no longer show up as its descendants.
     */
    private void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
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
        root.descendants().forEach(tree::add);
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
