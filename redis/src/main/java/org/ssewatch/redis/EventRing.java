package org.ssewatch.redis;

import java.util.function.Consumer;
import org.ssewatch.share.Event;

/**
 * The newest events of a followed run, bounded in count and payload bytes: what a relay's viewers
 * of the run read, whatever their number. Ids rise but need not be consecutive (a published
 * {@code gap} stands for several), so lookups are by binary search. One writer (the run's
 * follower), any number of readers; a short lock, readers copy nothing but the event references.
 */
final class EventRing {
    private final Event[] events;
    private final long maxBytes;
    private int head; // index of the oldest
    private int size;
    private long bytes;

    EventRing(int maxEvents, long maxBytes) {
        this.events = new Event[maxEvents];
        this.maxBytes = maxBytes;
    }

    synchronized void add(Event e) {
        if (size > 0 && e.id() <= at(size - 1).id()) {
            return; // a re-read after a reconnect: the ring has it
        }
        while (size > 0 && (size == events.length || bytes + e.payload().length > maxBytes)) {
            bytes -= events[head].payload().length;
            events[head] = null;
            head = (head + 1) % events.length;
            size--;
        }
        events[(head + size) % events.length] = e;
        size++;
        bytes += e.payload().length;
    }

    /** The oldest id held, or {@code Long.MAX_VALUE} when empty. */
    synchronized long oldestId() {
        return size == 0 ? Long.MAX_VALUE : at(0).id();
    }

    /**
     * Delivers the events after {@code afterId} that the ring holds, within the limits; the caller
     * has checked that the ring reaches back to {@code afterId + 1}.
     *
     * @return the last id delivered, or {@code afterId}
     */
    long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out) {
        Event[] copy;
        synchronized (this) {
            int i = firstAfter(afterId);
            int n = Math.min(size - i, maxEvents);
            copy = new Event[Math.max(n, 0)];
            for (int k = 0; k < copy.length; k++) {
                copy[k] = at(i + k);
            }
        }
        long last = afterId;
        long given = 0;
        for (Event e : copy) {
            if (given >= maxBytes) {
                break;
            }
            out.accept(e);
            given += e.payload().length;
            last = e.id();
        }
        return last;
    }

    private int firstAfter(long afterId) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid).id() <= afterId) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Event at(int i) {
        return events[(head + i) % events.length];
    }
}
