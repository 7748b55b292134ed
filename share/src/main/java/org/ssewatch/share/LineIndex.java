package org.ssewatch.share;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where each line of a run starts in its journal, for reading any stretch of lines by number
 * ({@link LineRanges}). Lines are numbered in the order they first appear, so the ids of their
 * first events rise with their numbers: keeping the first id of every {@value #EVERY}th line is
 * enough to start reading near any line, 8 bytes per {@value #EVERY} lines (10 million lines:
 * 312 KB) instead of 8 bytes a line.
 *
 * <p>A line's later versions (a partial line updated, then finished) come after its first event,
 * usually within a few events. A reader looks {@value #LOOKAHEAD} events past a stretch for them;
 * a version further away than that from the line's first event (a prompt left open while another
 * stream prints thousands of lines) is remembered here by line number. Each such entry needs a
 * line open across {@value #LOOKAHEAD} events, so there are at most three (one per stream) per
 * {@value #LOOKAHEAD} events of the run, and in practice next to none.
 *
 * <p>One writer (the {@link Recorder}, under its lock, after each line event is journaled); any
 * number of readers. A line's entries are published before the line count that makes it visible.
 * Open lines are tracked per stream, one at a time, as the command's streams write them; a second
 * {@code Recorder.lines(type)} of the same type with a line open at once would only lose the
 * far-version entry of one of them.
 */
public final class LineIndex {
    static final int EVERY = 256;
    static final int LOOKAHEAD = 4096;

    private volatile long[] firstIds = new long[256];
    /**
     * Lines numbered so far; readers trust the index up to this line. Set with a release store (the
     * entries before it are visible to a reader that reads it), cheaper on the ingest thread than a
     * volatile store for every line.
     */
    private final AtomicLong lines = new AtomicLong();
    /** Per stream, the line still open (partial) and the id of its first event: writer only. */
    private final Map<String, long[]> open = new java.util.HashMap<>(4);
    /** The newest version of a line that lies more than LOOKAHEAD events after its first. */
    private final ConcurrentSkipListMap<Long, Long> farVersions = new ConcurrentSkipListMap<>();

    /** Notes line event {@code id} of {@code stream}, a version of line {@code line}. */
    void add(String stream, long line, long id, boolean partial) {
        long[] o = open.isEmpty() ? null : open.get(stream);
        long known = lines.get();
        if (line > known) {
            int block = (int) ((line - 1) / EVERY);
            long[] ids = firstIds;
            if (block >= ids.length) {
                ids = Arrays.copyOf(ids, Math.max(block + 1, ids.length * 2));
            }
            // Lines skipped (a journal read back with gaps) start where this one does.
            for (long l = line - 1 - (line - 1) % EVERY; l >= known; l -= EVERY) {
                ids[(int) (l / EVERY)] = id;
            }
            if (ids != firstIds) {
                firstIds = ids;
            }
            if (partial) {
                open.put(stream, new long[] {line, id});
            } else if (o != null) {
                open.remove(stream);
            }
            lines.lazySet(line);
            return;
        }
        if (o == null || o[0] != line) {
            return;
        }
        if (id - o[1] > LOOKAHEAD) {
            farVersions.put(line, id);
        }
        if (!partial) {
            open.remove(stream);
        }
    }

    /**
     * Notes {@code e} if it is a line event, for an index built as events arrive from elsewhere
     * (a relay following a published run); the one writer rule holds as for {@link #add}.
     */
    public void note(Event e) {
        LineEvent l = LineEvent.of(e);
        if (l != null) {
            add(l.stream(), l.line(), l.id(), l.partial());
        }
    }

    /** Lines numbered so far (the highest line number). */
    public long lines() {
        return lines.get();
    }

    /** An id at or before the first event of {@code line} (1 to {@link #lines()}). */
    long startOf(long line) {
        return firstIds[(int) ((line - 1) / EVERY)];
    }

    /** The newest version of {@code line} that lies far from its first event, or 0 if none does. */
    long farVersion(long line) {
        Long id = farVersions.get(line);
        return id == null ? 0 : id;
    }

    /**
     * The index of a journal written elsewhere (read back from a saved run): one pass over every
     * event retained. Lines whose events are all gone start where the next retained line does.
     */
    public static LineIndex of(ReadableJournal journal) {
        LineIndex index = new LineIndex();
        long cursor = 0;
        long end = journal.lastId();
        while (cursor < end) {
            cursor = journal.read(cursor, 4096, 1 << 22, index::note);
        }
        return index;
    }
}
