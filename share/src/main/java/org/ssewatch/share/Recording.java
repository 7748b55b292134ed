package org.ssewatch.share;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A run being recorded: its journal and recorder, and, when it is saved, its run directory, with
 * the metadata kept up to date there. How a terminal's {@code --save} run and a hub's job are both
 * wired, so that they are saved the same way.
 */
public final class Recording implements AutoCloseable {
    private final Journal journal;
    private final Recorder recorder;
    private final RunSaver saver;

    private Recording(Journal journal, RunSaver saver, Recorder recorder) {
        this.journal = journal;
        this.saver = saver;
        this.recorder = recorder;
    }

    /**
     * @param saveTo a new (or empty) directory to save the run to, or null to keep it in memory only
     * @param launch what the hub started it with, or null
     * @throws IOException when {@code saveTo} cannot be made a run directory, with a sentence for the user
     * @throws java.io.UncheckedIOException when the saved journal cannot be created, with a sentence for the user
     */
    public static Recording start(JournalConfig config, Consumer<String> notices, Path saveTo, Launch launch)
            throws IOException {
        RunDirectory dir = saveTo == null ? null : RunDirectory.create(saveTo);
        Journal journal = new Journal(config, notices, dir);
        Recorder recorder = new Recorder(journal, launch);
        RunSaver saver = dir == null ? null : new RunSaver(dir, recorder, notices, launch);
        return new Recording(journal, saver, recorder);
    }

    public Recorder recorder() {
        return recorder;
    }

    public Journal journal() {
        return journal;
    }

    /** Records why the run is ended early, when it is saved; call before ending it. */
    public void stopping(Stop why) {
        if (saver != null) {
            saver.stopping(why);
        }
    }

    @Override
    public void close() {
        journal.close();
    }
}
