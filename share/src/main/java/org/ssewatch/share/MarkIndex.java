package org.ssewatch.share;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Where the events that are not lines are in a run's journal (groups, annotations, progress,
 * status, custom types, start and exit): their ids, in order, 8 bytes each. A page that opens a
 * long run at its tail reads them from here instead of streaming every line before its window to
 * find them. A lost stretch of a saved run is noted by its first id, so that reading it gives its
 * {@code gap} whole.
 *
 * <p>One writer (the {@link Recorder}, under its lock, after each such event is journaled); any
 * number of readers. An id is published before the count that makes it visible.
 */
public final class MarkIndex {
    private volatile long[] ids = new long[64];
    private volatile int count;

    /** Notes the id of an event that is not a line; ids must rise. */
    void add(long id) {
        long[] a = ids;
        int n = count;
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n] = id;
        if (a != ids) {
            ids = a;
        }
        count = n + 1;
    }

    /** Ids noted so far. */
    public int size() {
        return count;
    }

    /**
     * Calls {@code out} with the ids noted that are greater than {@code after} and less than
     * {@code before}, in order, at most {@code limit} of them; returns how many it gave.
     */
    public int between(long after, long before, int limit, LongConsumer out) {
        int n = count; // first: every id below it is in the array read next
        long[] a = ids;
        int i = Arrays.binarySearch(a, 0, n, after + 1);
        int given = 0;
        for (i = i < 0 ? -i - 1 : i; i < n && a[i] < before && given < limit; i++, given++) {
            out.accept(a[i]);
        }
        return given;
    }

    /**
     * Notes {@code e} if it is not a line (a gap by its first id), for an index built as events
     * arrive from elsewhere (a relay following a published run, a saved run read back); ids must rise, one writer.
     */
    public void note(Event e) {
        if (EventTypes.GAP.equals(e.type())) {
            add(e.id() - gapLength(e) + 1);
        } else if (!EventTypes.isLine(e.type())) {
            add(e.id());
        }
    }

    /** How many ids a gap event stands for (its {@code to} is its id). */
    private static long gapLength(Event gap) {
        long from = com.google.gson.JsonParser.parseString(gap.payloadJson()).getAsJsonObject().get("from").getAsLong();
        return gap.id() - from + 1;
    }
}
