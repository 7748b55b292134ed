package org.ssewatch.web.lines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ssewatch.share.AnsiText;
import org.ssewatch.share.Event;
import org.ssewatch.share.LineBytes;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LineRange;
import org.ssewatch.share.LineRanges;
import org.ssewatch.share.LineScan;

/**
 * One search request's work: lines from {@code from} on, each line's shown text (escape sequences
 * removed, as the page shows it) given to the {@link Finder}, until the last line or the
 * {@link Budget} ends it. The lines are gone through where they lie in the journal's read buffer
 * ({@link LineScan}), and a plain ASCII line whose bytes do not hold the query is never decoded;
 * from a partial line or a gap in the journal on, one batch is read whole ({@link LineRanges#read}). The first {@code limit} matching lines are kept with their
 * matches; after them only counted.
 */
final class Search {
    static final int BATCH_LINES = 4096;
    static final int BATCH_BYTES = 4 << 20;
    /** Matches listed per line; more are counted. */
    static final int MAX_MATCHES_PER_LINE = 100;

    /** A matching line and its matches, [start, end, start, end, ...] in its shown text. */
    record Hit(LineEvent line, int[] at) {
    }

    final List<Hit> hits = new ArrayList<>();
    final List<LineRange.Gap> gaps = new ArrayList<>();
    long count;
    long matches;
    /** The last line searched, {@code from - 1} if none was. */
    long searchedTo;
    long total;
    long lastId;
    /** The line after the last hit listed, when the list was full: where the next page of hits starts. */
    long moreFrom;

    private final Finder finder;
    private final boolean regex;
    private final int limit;
    private final Budget budget;
    /** The stream whose lines are searched, or null for every stream. */
    private final String stream;
    /** Whether to stop once {@code limit} hits are listed, instead of counting on: an answer as soon as they are found. */
    boolean stopWhenListed;

    Search(Finder finder, boolean regex, int limit, Budget budget, String stream) {
        this.stream = stream;
        this.finder = finder;
        this.regex = regex;
        this.limit = limit;
        this.budget = budget;
    }

    /** Searches lines {@code from} to {@code to} (cut at the run's end) until the budget is spent. */
    void run(LineRanges ranges, long from, long to) {
        searchedTo = from - 1;
        total = ranges.lines();
        lastId = ranges.journal().lastId();
        long end = Math.min(to, total);
        Scanned scanned = new Scanned();
        while (searchedTo < end && !budget.spent()) {
            // Most of the way in place (LineScan); from a partial line on, one batch read whole.
            long through = LineScan.scan(ranges, searchedTo + 1, end, scanned);
            if (scanned.stop) {
                return;
            }
            searchedTo = through;
            if (searchedTo < end && !batch(ranges, end)) {
                return;
            }
        }
    }

    /** The lines LineScan gives: most are never decoded; the budget is looked at every few thousand. */
    private final class Scanned implements LineScan.Lines {
        boolean stop;
        private int seen;

        @Override
        public boolean line(long id, String type, long line, byte[] b, int off, int len) {
            if ((stream == null || stream.equals(type)) && mayMatch(b, off, len)) {
                LineEvent l = LineEvent.of(new Event(id, type, Arrays.copyOfRange(b, off, off + len)));
                if (l != null && !search(l)) {
                    stop = true;
                    return false; // a regular expression ran out of time inside this line: it is searched again next time
                }
            }
            searchedTo = line;
            stop = stopWhenListed && hits.size() >= limit || (++seen & 0xfff) == 0 && budget.spent();
            return !stop;
        }

        @Override
        public void gap(long from, long to) {
            Search.this.gap(new LineRange.Gap(from, to));
            searchedTo = to;
        }
    }

    /** Whether a line may match: false for the common case, plain ASCII text without the query, never decoded. */
    private boolean mayMatch(byte[] b, int off, int len) {
        long plain = LineBytes.plainText(b, off, len);
        return plain < 0 || finder.mayMatch(b, (int) (plain >>> 32), (int) plain);
    }

    /** One batch of lines read whole, from the line after searchedTo; false when the search stops in it. */
    private boolean batch(LineRanges ranges, long end) {
        LineRange r = ranges.read(searchedTo + 1, Math.min(end, searchedTo + BATCH_LINES), BATCH_BYTES);
        for (LineRange.Gap g : r.gaps()) {
            gap(g);
        }
        for (Event e : r.events()) {
            if (stream != null && !stream.equals(e.type())) {
                continue;
            }
            LineEvent l = LineEvent.of(e);
            if (l == null) {
                continue;
            }
            if (!search(l)) {
                return false;
            }
            searchedTo = l.line();
            if (stopWhenListed && hits.size() >= limit) {
                return false;
            }
        }
        searchedTo = r.to();
        return true;
    }

    private void gap(LineRange.Gap g) {
        LineRange.Gap last = gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
        if (last != null && last.to() + 1 == g.from()) {
            gaps.set(gaps.size() - 1, new LineRange.Gap(last.from(), g.to()));
        } else {
            gaps.add(g);
        }
    }

    /** Looks for matches in one line; false if the budget ran out in the middle of it. */
    private boolean search(LineEvent l) {
        String shown = AnsiText.strip(l.text());
        boolean listing = hits.size() < limit;
        int[][] at = {new int[8]};
        int[] kept = {0};
        int n;
        try {
            n = finder.find(regex ? budget.watch(shown) : shown, (start, end) -> {
                if (listing && kept[0] < 2 * MAX_MATCHES_PER_LINE) {
                    if (kept[0] == at[0].length) {
                        at[0] = java.util.Arrays.copyOf(at[0], kept[0] * 2);
                    }
                    at[0][kept[0]++] = start;
                    at[0][kept[0]++] = end;
                }
            });
        } catch (Budget.Spent e) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        count++;
        matches += n;
        if (listing) {
            hits.add(new Hit(l, java.util.Arrays.copyOf(at[0], kept[0])));
        } else if (moreFrom == 0) {
            moreFrom = l.line();
        }
        return true;
    }
}
