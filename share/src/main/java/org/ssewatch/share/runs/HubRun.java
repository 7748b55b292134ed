package org.ssewatch.share.runs;

import java.io.IOException;
import java.nio.file.Path;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.Launch;
import org.ssewatch.share.Recording;
import org.ssewatch.share.Run;
import org.ssewatch.share.RunMetadata;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.Stop;

/**
 * One run of the hub: either started by this server (its live recording, until it ends and is
 * {@link #release released}: then it is served from its run directory like any saved run, and the
 * recording waits for the viewers that were on it to be done) or found in the data directory at
 * start (only its metadata, its journal opened when someone asks for it).
 */
public final class HubRun {
    private final String id;
    private final Path dir;
    private final Launch launch;
    /** The live recording, until the run is released (or for good when its saved journal misses events). */
    private volatile Recording recording;
    /** A released run's recording, kept open for the viewers that were on it until {@link #closeRetired}. */
    private Recording retired;
    private volatile CommandRunner runner;
    private volatile RunListing listing;
    private volatile Stop stop;
    private SavedRun saved;
    /** The bytes in its directory once it finished (it no longer grows), or -1 before it is counted. */
    private volatile long finishedBytes = -1;

    private HubRun(String id, Path dir, Launch launch, Recording recording, CommandRunner runner, RunListing listing) {
        this.id = id;
        this.dir = dir;
        this.launch = launch;
        this.recording = recording;
        this.runner = runner;
        this.listing = listing;
    }

    static HubRun live(String id, Path dir, Launch launch, Recording recording, CommandRunner runner, long startedAt) {
        return new HubRun(id, dir, launch, recording, runner,
                new RunListing(id, launch, RunState.RUNNING, startedAt, 0, null));
    }

    /** A run found on disk; one without an exit is shown as interrupted (the server died while it ran). */
    static HubRun saved(String id, Path dir, RunMetadata m) {
        Launch launch = m.launch() != null ? m.launch() : new Launch("?", java.util.Map.of(), null, null);
        return new HubRun(id, dir, launch, null, null, new RunListing(id, launch,
                RunState.of(m.exit(), m.stop(), false), m.startedAt(), m.endedAt(), m.exit()));
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public Launch launch() {
        return launch;
    }

    /** As it stands; a live run's start is the time its start event says, once it has one, as run.json will. */
    public RunListing listing() {
        RunListing l = listing;
        Recording live = recording;
        long started = live == null ? 0 : live.recorder().startedAt();
        return started == 0 || started == l.startedAt() ? l
                : new RunListing(id, launch, l.state(), started, l.endedAt(), l.exit());
    }

    /** Why the hub is ending or ended it early (cancelled, timed out, the server stopping), or null. */
    public Stop stopped() {
        return stop;
    }

    public boolean running() {
        return listing.state() == RunState.RUNNING;
    }

    /** The bytes its directory holds now (--max-disk): counted once after it finished, each time while it runs. */
    long diskBytes() {
        if (running()) {
            return DiskUsage.of(dir);
        }
        long b = finishedBytes;
        if (b < 0) {
            finishedBytes = b = DiskUsage.of(dir);
        }
        return b;
    }

    /** What to serve: the live recorder, or the saved run, opened now if it was not yet. */
    public synchronized Run run() throws IOException {
        Recording live = recording;
        if (live != null) {
            return live.recorder();
        }
        if (saved == null) {
            saved = SavedRun.open(dir);
        }
        return saved;
    }

    /** Ends the run early as Ctrl-C would (SIGTERM, SIGKILL after the grace); false when it is not running. */
    synchronized boolean stop(Stop why) {
        CommandRunner r = runner;
        if (r == null || !running()) {
            return false;
        }
        if (stop == null) {
            stop = why;
            recording.stopping(why);
        }
        r.terminate();
        return true;
    }

    /** Kills what is left of it now (a second Ctrl-C). */
    void kill() {
        CommandRunner r = runner;
        if (r != null) {
            r.kill();
        }
    }

    /**
     * After the run ended: serves it from its saved run directory from now on, so that its journal
     * in memory can go ({@link #closeRetired} once the viewers on it are done), when run.json says
     * the saved journal holds every event the live one does (the same last id, no write problem);
     * else it stays on the live journal, which has them. Returns whether it was released.
     */
    synchronized boolean release() {
        Recording live = recording;
        if (live == null || running()) {
            return false;
        }
        RunMetadata m;
        try {
            m = SavedRun.metadata(dir); // written at the exit, after the saved journal was synced to disk
        } catch (IOException e) {
            return false;
        }
        if (m.journalProblem() != null || m.exit() == null || m.lastId() != live.journal().lastId()) {
            return false;
        }
        retired = live; // the saved run is opened when it is next asked for, as a run found at start is
        recording = null;
        runner = null;
        return true;
    }

    /** Whether the run is served from disk while its old journal in memory waits for {@link #closeRetired}. */
    public synchronized boolean hasRetired() {
        return retired != null;
    }

    /** Closes the released run's old recording, once no viewer reads it; its memory can then go. */
    public synchronized void closeRetired() {
        if (retired != null) {
            retired.close();
            retired = null;
        }
    }

    /** Runs the command, start to exit, on the calling thread. */
    void runToEnd() {
        org.ssewatch.share.ExitStatus exit = runner.run();
        Recording live = recording;
        listing = new RunListing(id, launch, RunState.of(exit, stop, true), live.recorder().startedAt(),
                live.recorder().endedAt(), exit);
    }

    synchronized void close() {
        if (recording != null) {
            recording.close();
        }
        closeRetired();
        if (saved != null) {
            saved.close();
        }
    }
}
