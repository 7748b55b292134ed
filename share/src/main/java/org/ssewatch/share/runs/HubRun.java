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
 * One run of the hub: either started by this server (its live recording, kept to be served after
 * it ends, so that viewers who were watching it stay on the same journal) or found in the data
 * directory at start (only its metadata, its journal opened when someone asks for it).
 */
public final class HubRun {
    private final String id;
    private final Path dir;
    private final Launch launch;
    private final Recording recording;
    private final CommandRunner runner;
    private volatile RunListing listing;
    private volatile Stop stop;
    private SavedRun saved;

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
        long started = recording == null ? 0 : recording.recorder().startedAt();
        return started == 0 || started == l.startedAt() ? l
                : new RunListing(id, launch, l.state(), started, l.endedAt(), l.exit());
    }

    public boolean running() {
        return listing.state() == RunState.RUNNING;
    }

    /** What to serve: the live recorder, or the saved run, opened now if it was not yet. */
    public synchronized Run run() throws IOException {
        if (recording != null) {
            return recording.recorder();
        }
        if (saved == null) {
            saved = SavedRun.open(dir);
        }
        return saved;
    }

    /** Ends the run early as Ctrl-C would (SIGTERM, SIGKILL after the grace); false when it is not running. */
    boolean stop(Stop why) {
        if (runner == null || !running()) {
            return false;
        }
        if (stop == null) {
            stop = why;
            recording.stopping(why);
        }
        runner.terminate();
        return true;
    }

    /** Kills what is left of it now (a second Ctrl-C). */
    void kill() {
        if (runner != null) {
            runner.kill();
        }
    }

    /** Runs the command, start to exit, on the calling thread. */
    void runToEnd() {
        org.ssewatch.share.ExitStatus exit = runner.run();
        listing = new RunListing(id, launch, RunState.of(exit, stop, true), recording.recorder().startedAt(),
                recording.recorder().endedAt(), exit);
    }

    synchronized void close() {
        if (recording != null) {
            recording.close();
        }
        if (saved != null) {
            saved.close();
        }
    }
}
