package org.ssewatch.share;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ordered record of a run: every event gets the next id, 1, 2, 3, ... Recent events live in a
 * ring in memory; older ones move to a {@link SpillFile}, and past its limit they are dropped, which
 * readers learn from a {@code gap} event rather than by silence.
 *
 * <p>One writer at a time appends (appends are serialised); any number of readers read without
 * locking. Readers keep only their own position, so memory does not grow with the number of
 * readers or with how far behind they are.
 */
public final class Journal implements AutoCloseable {
    private final JournalConfig config;
    private final Event[] ring;
    private final int mask;
    private final SpillFile spill;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The newest id; written after the event is in the ring, so readers see the event. */
    private volatile long lastId;
    /** The oldest id still in memory. */
    private volatile long firstInMemory = 1;
    private volatile boolean complete;
    private long memoryBytes;

    public Journal(JournalConfig config) {
        this.config = config;
        int capacity = Integer.highestOneBit(Math.max(16, config.maxEvents()) - 1) << 1;
        this.ring = new Event[capacity];
        this.mask = capacity - 1;
        this.spill = config.spillDir() == null || config.spillMaxBytes() == 0
                ? null : new SpillFile(config.spillDir(), config.spillMaxBytes());
    }

    /** Appends an event and returns it with its id. */
    public Event append(String type, byte[] payload) {
        return append(type, payload, false);
    }

    /** Appends the last event of the run: after it the journal accepts nothing more. */
    public Event appendLast(String type, byte[] payload) {
        return append(type, payload, true);
    }

    private Event append(String type, byte[] payload, boolean last) {
        Event event;
        synchronized (this) {
            if (complete) {
                throw new IllegalStateException("the journal is complete: nothing may follow its last event");
            }
            event = new Event(lastId + 1, type, payload);
            evictFor(event);
            ring[(int) (event.id() & mask)] = event;
            memoryBytes += event.footprint();
            lastId = event.id();
            complete = last;
        }
        notifyListeners();
        return event;
    }

    private void evictFor(Event incoming) {
        long first = firstInMemory;
        long count = incoming.id() - first;
        while (count > 0 && (count >= config.maxEvents() || count > mask
                || memoryBytes + incoming.footprint() > config.maxBytes())) {
            int slot = (int) (first & mask);
            Event old = ring[slot];
            if (old != null) {
                if (spill != null) {
                    spill.append(old);
                }
                memoryBytes -= old.footprint();
                if (slot != (int) (incoming.id() & mask)) {
                    ring[slot] = null;
                }
            }
            first++;
            count--;
        }
        firstInMemory = first;
    }

    /** The newest id, 0 before the first event. */
    public long lastId() {
        return lastId;
    }

    /** The oldest id still held in memory (older ones are in the spill file, or gone). */
    public long oldestInMemory() {
        return firstInMemory;
    }

    /** Whether the last event of the run has been appended. */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Delivers the events after {@code afterId}, in order, at most {@code maxEvents} of them and
     * stopping once {@code maxBytes} of payload have been delivered. Where events are no longer
     * retained, one {@code gap} event (id = the last missing id) stands for them.
     *
     * @return the id of the last event delivered, or {@code afterId} if none was
     */
    public long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out) {
        long next = Math.max(afterId, 0) + 1;
        long last = lastId;
        int delivered = 0;
        long bytes = 0;
        while (next <= last && delivered < maxEvents && bytes < maxBytes) {
            Event e = ring[(int) (next & mask)];
            if (e != null && e.id() == next) {
                out.accept(e);
                next++;
                delivered++;
                bytes += e.payload().length;
                continue;
            }
            long spilled = spill == null ? 0 : spill.lastId();
            if (next <= spilled) {
                int[] n = {0};
                long[] b = {0};
                next = spill.read(next, maxEvents - delivered, maxBytes - bytes, ev -> {
                    out.accept(ev);
                    n[0]++;
                    b[0] += ev.payload().length;
                });
                delivered += n[0];
                bytes += b[0];
                continue;
            }
            long resume = Math.max(firstInMemory, spilled + 1);
            if (resume <= next) {
                continue; // raced with eviction; look again
            }
            out.accept(gap(next, resume - 1));
            next = resume;
            delivered++;
        }
        return next - 1;
    }

    static Event gap(long from, long to) {
        Json json = new Json();
        try {
            json.begin().name("from").value(from).name("to").value(to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Event(to, EventTypes.GAP, json.finish());
    }

    /**
     * Calls {@code listener} after every append, on the appending thread: it must be quick and must
     * not block (typically it schedules work elsewhere).
     */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void notifyListeners() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }
}
