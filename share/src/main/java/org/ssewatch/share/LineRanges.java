package org.ssewatch.share;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's lines by number, from memory or the spill file alike: the newest version of each
 * line (a partial line updated by {@code \r} or finished later is read once, as it stands last),
 * found through the {@link LineIndex}. A range costs the events of its own lines, those of up to
 * {@value LineIndex#EVERY} lines before it, and, only while one of its lines is unfinished, up to
 * {@value LineIndex#LOOKAHEAD} events after it.
 */
public final class LineRanges {
    /** Events read at a time once the first read did not reach past the range. */
    private static final int BATCH = 512;
    private static final int MAX_FIRST_READ = 8192;
    /** Lines one read covers at most: it holds one event per line until it is done. */
    public static final int MAX_SPAN = 65_536;

    private final ReadableJournal journal;
    private final LineIndex index;

    public LineRanges(ReadableJournal journal, LineIndex index) {
        this.journal = journal;
        this.index = index;
    }

    /** Lines numbered so far. */
    public long lines() {
        return index.lines();
    }

    public ReadableJournal journal() {
        return journal;
    }

    LineIndex index() {
        return index;
    }

    /** Lines {@code from} (at least 1) to {@code to}, cut at the run's last line and at {@value #MAX_SPAN} lines. */
    public LineRange read(long from, long to) {
        return read(from, to, Long.MAX_VALUE);
    }

    /**
     * Lines {@code from} to {@code to}, cut at the run's last line, and before the first line with
     * which the payloads read would pass {@code maxBytes}, though never before {@code from} (the
     * answer's {@code to} then says where it ends).
     */
    public LineRange read(long from, long to, long maxBytes) {
        if (from < 1) {
            throw new IllegalArgumentException("lines start at 1: " + from);
        }
        long total = index.lines(); // before lastId: every line counted has its first event by then
        long lastId = journal.lastId();
        long end = Math.min(Math.min(to, total), from + MAX_SPAN - 1);
        if (end < from) {
            return new LineRange(from, end, List.of(), List.of(), total, lastId);
        }
        Event[] newest = new Event[(int) (end - from + 1)];
        Scan scan = new Scan(from, end, newest, maxBytes);
        long cursor = index.startOf(from) - 1;
        long lookaheadEnd = Long.MAX_VALUE;
        // Usually one event per line: the first read asks for the lines from the block's start to one
        // past the range (and a few more for markup), so that it alone finds where the range ends.
        long blockFirst = (from - 1) / LineIndex.EVERY * LineIndex.EVERY + 1;
        int want = (int) Math.min(MAX_FIRST_READ, end - blockFirst + 16);
        while (cursor < lastId && cursor < lookaheadEnd) {
            cursor = journal.read(cursor, want, 1 << 22, scan::accept);
            want = BATCH;
            if (scan.passedAt != 0 && lookaheadEnd == Long.MAX_VALUE) {
                if (scan.unfinished() == 0) {
                    break;
                }
                lookaheadEnd = scan.passedAt + LineIndex.LOOKAHEAD;
            }
        }
        for (int k = 0; k <= scan.to - from; k++) {
            if (newest[k] != null && LineEvent.isPartial(newest[k])) {
                newest[k] = farther(newest[k], from + k);
            }
        }
        return assemble(from, scan.to, newest, total, lastId);
    }

    /** The version recorded as far from the line's start, if it is newer than the one found. */
    private Event farther(Event found, long line) {
        long far = index.farVersion(line);
        if (far <= found.id()) {
            return found;
        }
        Event[] got = {found};
        journal.read(far - 1, 1, Long.MAX_VALUE, e -> {
            if (e.id() == far && EventTypes.isLine(e.type()) && LineEvent.lineNumber(e) == line) {
                got[0] = e;
            }
        });
        return got[0];
    }

    private static LineRange assemble(long from, long end, Event[] newest, long total, long lastId) {
        List<Event> lines = new ArrayList<>(newest.length);
        List<LineRange.Gap> gaps = new ArrayList<>();
        long gapFrom = 0;
        for (int k = 0; k <= end - from; k++) {
            long n = from + k;
            if (newest[k] == null) {
                if (gapFrom == 0) {
                    gapFrom = n;
                }
                continue;
            }
            if (gapFrom != 0) {
                gaps.add(new LineRange.Gap(gapFrom, n - 1));
                gapFrom = 0;
            }
            lines.add(newest[k]);
        }
        if (gapFrom != 0) {
            gaps.add(new LineRange.Gap(gapFrom, end));
        }
        return new LineRange(from, end, lines, gaps, total, lastId);
    }

    /** Keeps the newest version of each line of the range; notes where the range was passed. */
    private static final class Scan {
        final long from;
        /** The range's last line: lowered to where the payloads read pass maxBytes. */
        long to;
        final Event[] newest;
        final long maxBytes;
        long bytes;
        /** The id of the first event of a line after the range, 0 until there is one. */
        long passedAt;

        Scan(long from, long to, Event[] newest, long maxBytes) {
            this.from = from;
            this.to = to;
            this.newest = newest;
            this.maxBytes = maxBytes;
        }

        void accept(Event e) {
            if (!EventTypes.isLine(e.type())) {
                return;
            }
            long n = LineEvent.lineNumber(e);
            if (n > to) {
                if (passedAt == 0) {
                    passedAt = e.id();
                }
                return;
            }
            if (n < from) {
                return;
            }
            int k = (int) (n - from);
            if (newest[k] == null) {
                bytes += e.payload().length;
                if (bytes > maxBytes && n > from) {
                    // Every line before n has appeared by now (first events come in line order).
                    to = n - 1;
                    passedAt = e.id();
                    return;
                }
            }
            newest[k] = e;
        }

        int unfinished() {
            int u = 0;
            for (int k = 0; k <= to - from; k++) {
                if (newest[k] != null && LineEvent.isPartial(newest[k])) {
                    u++;
                }
            }
            return u;
        }
    }
}
