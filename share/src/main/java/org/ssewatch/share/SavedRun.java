package org.ssewatch.share;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A run saved by {@code --save}, opened to be served: its metadata from run.json, and its events
 * from the journal file, read on demand ({@link SavedJournal}). How it ended comes from the
 * journal's exit event, which is the last thing a run writes; a journal without one is a run that
 * was {@link ExitReason#INTERRUPTED interrupted}, and gets an exit event saying so.
 */
public final class SavedRun implements Run, AutoCloseable {
    private final RunMetadata metadata;
    private final SavedJournal journal;
    private final ExitStatus exit;
    private final long endedAt;
    private final String notice;
    /** Counts the lines of a run whose metadata has none (it was interrupted), or null. */
    private final LineTally tally;
    private volatile Indexes indexes;

    private SavedRun(RunMetadata metadata, SavedJournal journal, ExitStatus exit, long endedAt, String notice) {
        this.tally = metadata.lines().isEmpty() ? new LineTally(journal) : null;
        this.metadata = metadata;
        this.journal = journal;
        this.exit = exit;
        this.endedAt = endedAt;
        this.notice = notice;
    }

    /**
     * Only the metadata of the run saved in {@code dir}, for listing many runs without opening their journals.
     *
     * @throws IOException saying in a few words what is wrong with it
     */
    public static RunMetadata metadata(Path dir) throws IOException {
        try {
            return RunMetadata.parse(Files.readAllBytes(RunDirectory.at(dir).metadataFile()));
        } catch (NoSuchFileException e) {
            throw new IOException("not a saved run (it has no " + RunDirectory.METADATA + ")");
        }
    }

    /** Opens the run saved in {@code dir}, saying nothing of what cannot be read later. */
    public static SavedRun open(Path dir) throws IOException {
        return open(dir, notice -> { });
    }

    /**
     * Opens the run saved in {@code dir}; {@code notices} is told, once, if a part of the journal
     * cannot be read later (viewers are then shown a gap there).
     *
     * @throws IOException saying in a few words what is wrong with it, without the directory's name
     */
    public static SavedRun open(Path dir, Consumer<String> notices) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException("no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        RunDirectory layout = RunDirectory.at(dir);
        byte[] json;
        try {
            json = Files.readAllBytes(layout.metadataFile());
        } catch (NoSuchFileException e) {
            throw new IOException("not a saved run (it has no " + RunDirectory.METADATA + ")");
        } catch (IOException e) {
            throw new IOException(RunDirectory.METADATA + ": " + JournalFile.reason(e), e);
        }
        RunMetadata metadata;
        try {
            metadata = RunMetadata.parse(json);
        } catch (IOException e) {
            throw new IOException(RunDirectory.METADATA + ": " + e.getMessage(), e);
        }
        SavedJournal journal;
        try {
            journal = SavedJournal.open(layout.journalFile(), layout.indexFile(), last -> ending(metadata, last), notices);
        } catch (NoSuchFileException e) {
            throw new IOException("not a saved run (it has no " + RunDirectory.JOURNAL + ")");
        } catch (IOException e) {
            throw new IOException(RunDirectory.JOURNAL + ": " + JournalFile.reason(e), e);
        }
        Event end = journal.interruption() != null ? journal.interruption() : journal.lastStored();
        JsonObject x = JsonParser.parseString(end.payloadJson()).getAsJsonObject();
        ExitStatus exit = RunMetadata.exit(x);
        String notice = journal.tornBytes() == 0 ? null : RunDirectory.JOURNAL + " ends with " + journal.tornBytes()
                + " bytes that are not a whole event (a write cut short), left out";
        return new SavedRun(metadata, journal, exit, x.get("time").getAsLong(), notice);
    }

    /**
     * How a run without an exit event ended, as far as can be told: ssewatch stopped before the end,
     * or, when the metadata says so, the saved journal stopped taking events (a full disk).
     */
    private static ExitStatus interrupted(RunMetadata metadata) {
        String why = metadata.journalProblem() == null ? "ssewatch stopped before the run ended; its output up to then was saved"
                : "the saved journal ends early, " + metadata.journalProblem();
        return new ExitStatus(ExitReason.INTERRUPTED.status(), null, null, ExitReason.INTERRUPTED, why);
    }

    /**
     * The exit event of a run whose journal ends with {@code last} (null: with nothing) instead. When
     * the metadata knows how the run ended (the journal stopped taking events but the run went on
     * to its end), the exit event it had, rebuilt to the same bytes, at the id it had; else an
     * {@code interrupted} one, one id after {@code last}.
     */
    private static Event ending(RunMetadata metadata, Event last) {
        long after = last == null ? 0 : last.id();
        if (metadata.exit() != null && metadata.lastId() > after) {
            byte[] payload = new Payloads().exit(metadata.endedAt(), metadata.endedAt() - metadata.startedAt(), metadata.exit());
            return new Event(metadata.lastId(), EventTypes.EXIT, payload);
        }
        return interruption(metadata, last);
    }

    private static Event interruption(RunMetadata metadata, Event last) {
        long time = metadata.startedAt();
        if (last != null) {
            JsonElement t = JsonParser.parseString(last.payloadJson()).getAsJsonObject().get("time");
            if (t != null && t.isJsonPrimitive() && t.getAsJsonPrimitive().isNumber()) {
                time = t.getAsLong();
            }
        }
        byte[] payload = new Payloads().exit(time, Math.max(0, time - metadata.startedAt()), interrupted(metadata));
        return new Event(last == null ? 1 : last.id() + 1, EventTypes.EXIT, payload);
    }

    /** What to tell the user about the journal on opening it (a torn tail left out), or null. */
    public String notice() {
        return notice;
    }

    /** Whether the run is not known to have ended: its journal has no exit event, nor its metadata an exit. */
    public boolean interrupted() {
        return exit.kind() == ExitReason.INTERRUPTED;
    }

    /** Why the metadata says the saved journal misses events (a write failed while saving), or null. */
    public String journalProblem() {
        return metadata.journalProblem();
    }

    public RunMetadata metadata() {
        return metadata;
    }

    @Override
    public Launch launch() {
        return metadata.launch();
    }

    /** Records read to open it (the tail after the index's last entry), for tests: not the whole run. */
    long recordsReadToOpen() {
        return journal.recordsScanned();
    }

    @Override
    public ReadableJournal journal() {
        return journal;
    }

    @Override
    public StartInfo startInfo() {
        return metadata.start();
    }

    @Override
    public long startedAt() {
        return metadata.startedAt();
    }

    @Override
    public long endedAt() {
        return endedAt;
    }

    @Override
    public ExitStatus exitStatus() {
        return exit;
    }

    @Override
    public long lineCount(String type) {
        return tally != null ? tally.count(type) : metadata.lines().getOrDefault(type, 0L);
    }

    @Override
    public LineIndex lineIndex() {
        return indexes().lines;
    }

    @Override
    public MarkIndex marks() {
        return indexes().marks;
    }

    /** Both indexes of the journal, from one pass over it. */
    private record Indexes(LineIndex lines, MarkIndex marks) {
    }

    /**
     * Built on first use, by one pass over the journal (a second or so for 10M lines), so that
     * showing a run does not wait for it and only those who read by line number, or open a long
     * run at its tail, pay.
     */
    private Indexes indexes() {
        Indexes built = indexes;
        if (built == null) {
            synchronized (this) {
                built = indexes;
                if (built == null) {
                    LineIndex lines = new LineIndex();
                    MarkIndex marks = new MarkIndex();
                    long cursor = 0;
                    long end = journal.lastId();
                    while (cursor < end) {
                        cursor = journal.read(cursor, 4096, 1 << 22, e -> {
                            lines.note(e);
                            marks.note(e);
                        });
                    }
                    indexes = built = new Indexes(lines, marks);
                }
            }
        }
        return built;
    }

    @Override
    public void close() {
        journal.close();
    }
}
