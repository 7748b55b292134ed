package org.ssewatch.share;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The finished lines per stream of a saved run that ended before its metadata could say (an
 * interrupted one), counted by reading its journal once, on a thread of its own, so that opening
 * the run does not wait for it; until it is done, the counts are those read so far.
 */
final class LineTally {
    private static final String[] TYPES = {EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDIN};
    private final AtomicLongArray counts = new AtomicLongArray(TYPES.length);

    /** Starts counting {@code journal}'s lines. */
    LineTally(ReadableJournal journal) {
        Thread t = new Thread(() -> count(journal), "ssewatch-line-count");
        t.setDaemon(true);
        t.start();
    }

    private void count(ReadableJournal journal) {
        long cursor = 0;
        for (long next; (next = journal.read(cursor, 4096, 1 << 20, this::add)) != cursor; ) {
            cursor = next;
        }
    }

    /**
     * A line event counts unless it is partial or a continuation: those end their payload with
     * {@code "partial":true} or {@code "cont":true}, and a finished line ends with its text, a
     * string, so with a quote (a quote inside the text is escaped, and so followed by more).
     */
    private void add(Event e) {
        for (int i = 0; i < TYPES.length; i++) {
            byte[] p = e.payload();
            if (TYPES[i].equals(e.type()) && p.length >= 2 && p[p.length - 2] == '"') {
                counts.incrementAndGet(i);
            }
        }
    }

    long count(String type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(type)) {
                return counts.get(i);
            }
        }
        return 0;
    }
}
