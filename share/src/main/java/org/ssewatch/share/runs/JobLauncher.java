package org.ssewatch.share.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.Launch;
import org.ssewatch.share.Recording;
import org.ssewatch.share.RunConfig;
import org.ssewatch.share.Stop;
import org.ssewatch.share.jobs.Invocation;
import org.ssewatch.share.jobs.Job;

/**
 * Starts jobs' runs, each a command (its argv, no shell) recorded into its own run directory, one
 * thread per run; keeps a job's {@code concurrency} and the hub's {@code --max-running}; ends a run
 * on cancel or timeout as Ctrl-C ends a command; removes old runs after each run ends.
 */
public final class JobLauncher implements AutoCloseable {
    private final RunStore store;
    private final HubLimits limits;
    private final Consumer<String> notices;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssewatch-timeouts");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private boolean closed;

    public JobLauncher(RunStore store, HubLimits limits, Consumer<String> notices) {
        this.store = store;
        this.limits = limits;
        this.notices = notices;
        removeOld();
    }

    /** {@code listener} is called after every change of the run list (a run started, ended or removed). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Starts a run of {@code job} as {@code invocation} says.
     *
     * @param operator who asks, or null
     * @param remote   from where, or null
     * @throws LaunchRefusedException when the job's concurrency, the hub's --max-running or its --max-disk is reached
     * @throws IOException when its run directory cannot be made, with a sentence
     */
    public HubRun start(Job job, Invocation invocation, String operator, String remote)
            throws LaunchRefusedException, IOException {
        Launch launch = new Launch(job.name(), invocation.params(), operator, remote);
        HubRun run;
        LaunchRefusedException refused = null;
        synchronized (this) {
            if (closed) {
                throw new LaunchRefusedException(LaunchRefusedException.Limit.SERVER, "the server is stopping");
            }
            List<HubRun> running = store.list().stream().filter(HubRun::running).toList();
            long ofJob = running.stream().filter(r -> r.launch().job().equals(job.name())).count();
            if (ofJob >= job.concurrency()) {
                throw new LaunchRefusedException(LaunchRefusedException.Limit.JOB, "job " + job.name() + " already has "
                        + ofJob + " run" + (ofJob == 1 ? "" : "s") + " running, its concurrency is " + job.concurrency());
            }
            if (running.size() >= limits.maxRunning()) {
                throw new LaunchRefusedException(LaunchRefusedException.Limit.SERVER, running.size()
                        + " runs are running, the server's --max-running is " + limits.maxRunning());
            }
            removeOld(); // the running runs may have grown past --max-disk since the last one ended
            String full = diskFull();
            if (full != null) {
                refused = new LaunchRefusedException(LaunchRefusedException.Limit.DISK, full);
                run = null;
            } else {
                run = create(job, invocation, launch);
            }
        }
        if (refused != null) {
            changed(); // finished runs may have been removed to make room, in vain
            throw refused;
        }
        HubRun started = run;
        Thread t = new Thread(() -> runToEnd(started, invocation.timeout().orElse(null)), "ssewatch-run-" + run.id());
        threads.add(t);
        t.start();
        changed();
        return run;
    }

    /** The run's directory, recording and process, not yet started; under the lock. */
    private HubRun create(Job job, Invocation invocation, Launch launch) throws IOException {
        Instant now = Instant.now();
        RunStore.Reserved slot = store.reserve(now);
        Recording recording;
        try {
            recording = Recording.start(limits.journal(), notices, slot.dir(), launch);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        RunConfig config = new RunConfig(invocation.argv(), invocation.dir(), invocation.env(), false,
                limits.killAfter(), RunConfig.DEFAULT_MAX_LINE_BYTES, true, job.title()).withMasks(limits.masks(), List.of());
        CommandRunner runner = new CommandRunner(config, recording.recorder(), null, null, notices);
        HubRun run = HubRun.live(slot.id(), slot.dir(), launch, recording, runner, now.toEpochMilli());
        store.add(run);
        return run;
    }

    private void runToEnd(HubRun run, Duration timeout) {
        var timing = timeout == null ? null
                : timer.schedule(() -> run.stop(new Stop(Stop.TIMEOUT, null)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            run.runToEnd();
        } finally {
            if (timing != null) {
                timing.cancel(false);
            }
            threads.remove(Thread.currentThread());
            run.release(); // served from disk from now on: memory does not grow with finished runs
            removeOld();
            changed();
        }
    }

    /** Cancels run {@code id} for {@code operator}; false when there is no such run or it is not running. */
    public boolean cancel(String id, String operator) {
        return store.find(id).map(r -> r.stop(new Stop(Stop.CANCELLED, operator))).orElse(false);
    }

    /**
     * Why new runs are refused now: the runs hold more than --max-disk and only running runs are
     * left (a start removes finished runs first); null when they are not.
     */
    public String diskFull() {
        long max = limits.retention().maxDisk();
        if (max == 0 || !store.finishedOldestFirst().isEmpty()) {
            return null; // the next start removes finished runs first
        }
        long used = store.diskBytes();
        return used <= max ? null : "the runs hold " + DiskUsage.words(used) + ", over the server's --max-disk of "
                + DiskUsage.words(max) + ", and no finished run is left to remove";
    }

    /**
     * Removes finished runs past --keep and past --keep-runs, oldest first, then, while the runs hold
     * more than --max-disk, the oldest finished ones (saying so: the cap removes runs that --keep
     * alone would have kept). Running runs are never removed, nor their journals cut.
     */
    private synchronized void removeOld() {
        Retention r = limits.retention();
        List<HubRun> finished = store.finishedOldestFirst();
        long cutoff = r.keep().map(k -> System.currentTimeMillis() - k.toMillis()).orElse(Long.MIN_VALUE);
        int excess = r.keepRuns() == 0 ? 0 : Math.max(0, finished.size() - r.keepRuns());
        for (int i = 0; i < finished.size(); i++) {
            HubRun run = finished.get(i);
            if (i < excess || run.listing().startedAt() < cutoff) {
                try {
                    store.remove(run);
                } catch (IOException e) {
                    notices.accept("cannot remove run " + run.id() + ": " + e.getMessage());
                }
            }
        }
        long max = r.maxDisk();
        if (max == 0) {
            return;
        }
        long used = store.diskBytes();
        for (HubRun run : store.finishedOldestFirst()) {
            if (used <= max) {
                break;
            }
            long bytes = run.diskBytes();
            try {
                store.remove(run);
                used -= bytes;
                notices.accept("removed run " + run.id() + " (" + DiskUsage.words(bytes) + "): the runs held "
                        + DiskUsage.words(used + bytes) + ", over --max-disk " + DiskUsage.words(max));
            } catch (IOException e) {
                notices.accept("cannot remove run " + run.id() + ": " + e.getMessage());
            }
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Kills every running run now, without a grace (a second Ctrl-C while the server stops). */
    public void killAll() {
        store.list().stream().filter(HubRun::running).forEach(HubRun::kill);
    }

    /**
     * Ends every running run as Ctrl-C ends a command (SIGTERM, SIGKILL after the grace), waits
     * for their ends to be saved, and closes the runs.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        store.list().stream().filter(HubRun::running).forEach(r -> r.stop(new Stop(Stop.SHUTDOWN, null)));
        long deadline = System.nanoTime() + limits.killAfter().plusSeconds(5).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        store.list().stream().filter(HubRun::running).forEach(HubRun::kill);
        timer.shutdownNow();
        store.closeAll();
    }
}
