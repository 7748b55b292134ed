package org.ssewatch.share;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a run's metadata in its {@link RunDirectory} up to date: written when the run starts and
 * again when it ends, with how it ended and whether the saved journal (which the {@link Journal}
 * writes through) holds every event. Nothing here stops the run: a metadata file that cannot be
 * written is said once to {@code notices}, and the journal goes on being saved.
 */
public final class RunSaver {
    private final RunDirectory dir;
    private final Recorder recorder;
    private final Consumer<String> notices;
    private final String user = System.getProperty("user.name");
    private final Launch launch;
    private volatile Stop stop;
    private boolean failed;

    /** Saves {@code recorder}'s run, whose journal was made with {@code dir} to save to. */
    public RunSaver(RunDirectory dir, Recorder recorder, Consumer<String> notices) {
        this(dir, recorder, notices, null);
    }

    /** Saves a run the hub started, recording {@code launch} (null: none) with it. */
    public RunSaver(RunDirectory dir, Recorder recorder, Consumer<String> notices, Launch launch) {
        this.dir = dir;
        this.recorder = recorder;
        this.notices = notices;
        this.launch = launch;
        recorder.onStartAndExit(this::save);
    }

    /** Says, in the metadata written at the end, why the run is being ended early; before ending it. */
    public void stopping(Stop why) {
        if (stop == null) {
            stop = why;
        }
    }

    /** Writes the metadata as the run stands now; called once the start and once the exit event are journaled. */
    private synchronized void save() {
        String problem = recorder.journal().syncSaved();
        ExitStatus exit = recorder.exitStatus();
        Map<String, Long> lines = exit == null ? Map.of() : Map.of(
                EventTypes.STDOUT, recorder.lineCount(EventTypes.STDOUT),
                EventTypes.STDERR, recorder.lineCount(EventTypes.STDERR),
                EventTypes.STDIN, recorder.lineCount(EventTypes.STDIN));
        RunMetadata metadata = new RunMetadata(recorder.startInfo(), user, recorder.startedAt(), recorder.endedAt(), exit,
                lines, problem, exit == null ? 0 : recorder.journal().lastId(), launch, stop);
        try {
            dir.writeMetadata(metadata);
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                notices.accept("cannot write " + dir.metadataFile() + " (" + JournalFile.reason(e) + "); the command runs on");
            }
        }
    }
}
