package org.ssewatch.share;

import java.util.Arrays;

/**
 * Goes through a stretch of a run's lines in order, each given where it lies in the journal's read
 * buffer: the fast way through millions of lines for a reader that looks at every one and keeps
 * few (a search), without the event, array and list per line of {@link LineRanges#read}.
 *
 * <p>It relies on what makes a line's first event its final version: a line is numbered when its
 * first event is journaled, numbers rise with the ids of first events, and only a partial version
 * is ever followed by another of its line. So a stretch with no partial line in it is read in one
 * pass, each line once, where its event lies; a line's numbers missing from the stretch are a gap.
 * At the first partial version it stops before that line, whose final version may lie ahead (up
 * to anywhere in the run, {@link LineIndex}), and at a {@code gap} event, after which a line whose
 * first events were lost may still have its final version: the caller reads from there with
 * {@link LineRanges#read}, which finds it.
 */
public final class LineScan {
    /** Events asked of the journal at a time; the scan stops it as soon as it is past the stretch. */
    private static final int EVENTS_PER_READ = 1 << 16;

    /** What the scan gives, in line order. */
    public interface Lines {
        /**
         * Line {@code line}'s final version, event {@code id} of stream {@code type}, its payload in
         * {@code b[off, off + len)}, which is valid only during the call; returns whether to go on.
         */
        boolean line(long id, String type, long line, byte[] b, int off, int len);

        /** Lines {@code from} to {@code to}, not retained. */
        void gap(long from, long to);
    }

    private final LineRanges ranges;
    private final Lines out;
    private long end;
    /** The next line to give: every one before it was given, or named in a gap. */
    private long next;
    private boolean done;
    private boolean stopped;

    private LineScan(LineRanges ranges, Lines out) {
        this.ranges = ranges;
        this.out = out;
    }

    /**
     * Gives lines {@code from} (at least 1) to {@code to}, cut at the run's last line, to
     * {@code out}, until it says stop or a partial line is met.
     *
     * @return the last line given or named in a gap: {@code to} (or the run's last line) when the
     *         scan went through; less when it stopped before a partial line or at a gap in the
     *         journal (the caller goes on from the line after with {@link LineRanges#read}), or
     *         when {@code out} said stop (then the line it stopped at)
     */
    public static long scan(LineRanges ranges, long from, long to, Lines out) {
        LineScan s = new LineScan(ranges, out);
        return s.run(from, to);
    }

    private long run(long from, long to) {
        if (from < 1) {
            throw new IllegalArgumentException("lines start at 1: " + from);
        }
        long total = ranges.lines(); // before lastId: every line counted has its first event by then
        ReadableJournal journal = ranges.journal();
        long lastId = journal.lastId();
        end = Math.min(to, total);
        next = from;
        if (end < from) {
            return from - 1;
        }
        long cursor = ranges.index().startOf(from) - 1;
        while (cursor < lastId && !done) {
            cursor = journal.scan(cursor, EVENTS_PER_READ, Long.MAX_VALUE, this::accept);
        }
        if (!done && next <= end) {
            out.gap(next, end); // the journal ended before them: not retained
            next = end + 1;
        }
        return stopped ? next : next - 1;
    }

    private boolean accept(long id, String type, byte[] b, int off, int len) {
        if (EventTypes.GAP.equals(type)) {
            // A line whose first event is lost may still have its final version after the gap.
            done = true;
            return false;
        }
        if (!EventTypes.isLine(type)) {
            return true;
        }
        long n = LineBytes.lineNumber(b, off, len);
        int partial = n >= 0 ? LineBytes.partial(b, off, len) : -1;
        if (partial < 0) { // not written by ssewatch: read as JSON
            Event e = new Event(id, type, Arrays.copyOfRange(b, off, off + len));
            n = LineEvent.lineNumber(e);
            partial = LineEvent.isPartial(e) ? 1 : 0;
        }
        if (n < next) {
            return true; // before the stretch (its block starts earlier), or not a line at all (0)
        }
        if (n > end) {
            done = true;
            return false;
        }
        if (n > next) {
            out.gap(next, n - 1); // their first events would have come before this one's
            next = n;
        }
        if (partial == 1) {
            done = true;
            return false;
        }
        if (!out.line(id, type, n, b, off, len)) {
            done = true;
            stopped = true;
            return false;
        }
        next = n + 1;
        return true;
    }
}
