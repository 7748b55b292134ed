package org.ssewatch.share;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ordered record of a run: every event gets the next id, 1, 2, 3, ... Recent events live in a
 * ring in memory; older ones move to a spill file ({@link JournalFile}), and past its limit they
 * are dropped, which readers learn from a {@code gap} event rather than by silence. A saved run's
 * journal file takes every event as it is appended instead, and older ones are read back from it.
 *
 * <p>One writer at a time appends (appends are serialised); any number of readers read without
 * locking. Readers keep only their own position, so memory does not grow with the number of
 * readers or with how far behind they are.
 *
 * <h2>Why a reader never gets a torn payload</h2>
 *
 * A reader copies an event out of memory while the writer may be reusing its slot and ring bytes
 * for newer events. This is a sequence lock, the idiom of
 * {@link java.util.concurrent.locks.StampedLock}'s {@code tryOptimisticRead}/{@code validate}, but
 * validated per event: {@code firstInMemory} is the sequence, and it only rises. The writer,
 * holding the monitor:
 * <ol>
 * <li>raises {@code firstInMemory} past every event it evicts (a volatile store) before it
 *     touches any of their slots or bytes (see {@code evict});</li>
 * <li>then issues {@link VarHandle#storeStoreFence()}: a volatile store only orders the accesses
 *     <em>before</em> it (release), so without the fence the plain stores of step 3 could become
 *     visible before the raised {@code firstInMemory};</li>
 * <li>writes the new event's bytes into the ring and its slot's fields (plain stores);</li>
 * <li>publishes it with the volatile store to {@code lastId}, so that a reader which reads that
 *     id (acquire) sees the event's bytes and fields (JLS 17.4.5, happens-before).</li>
 * </ol>
 * The reader ({@code fromMemory}), for an id it knows exists (it read {@code lastId} first):
 * <ol>
 * <li>reads {@code firstInMemory}; below it, the event is not in memory;</li>
 * <li>copies the slot's fields and payload with plain loads, which may race with the writer's
 *     step 3 and so see any mix of old and new values: the copy is bounds-checked, never trusted;</li>
 * <li>issues {@link VarHandle#loadLoadFence()}: a volatile load only orders the accesses
 *     <em>after</em> it (acquire), so without the fence the loads of step 2 could be performed
 *     after the load of step 4;</li>
 * <li>reads {@code firstInMemory} again, and discards the copy if the id is now below it.</li>
 * </ol>
 * If any load of step 2 saw a byte or field written for a newer event, that store came after the
 * writer's step 1 for this id (writer's fence), and the reader's step 4 comes after that load
 * (reader's fence), so step 4 sees the raised {@code firstInMemory} and the copy is discarded.
 * If step 4 still finds the event in memory, nothing the reader loaded had been overwritten, and
 * it all belongs to this id. Growing the ring writes only the new array, so a reader still
 * copying from the old one races with nothing; a payload too large for the ring is published by
 * reference in step 3, and the same re-check covers a reference to a newer event's array.
 *
 * <p>The pairing is H.-J. Boehm's in "Can seqlocks get along with programming language memory
 * models?" (MSPC 2012); {@code StampedLock.validate} issues {@code acquireFence}, which also holds
 * back stores, where a reader here stores only into its own copy. On x86 both fences only stop the
 * JIT from reordering (the hardware keeps loads in order, and stores); on ARM and POWER they are
 * barriers. JournalReadersTest checks every byte of every payload its readers get; without the
 * re-check of step 4 it fails within seconds.
 *
 * <p>Not StampedLock itself: its stamp is invalidated by any write, so under a flood (millions of
 * appends a second) a reader copying even a recent event would fail to validate almost every
 * time, where here only the eviction of the event being copied invalidates the copy; and taking
 * its write lock in every append, beside the monitor, measured slower (bench/README.md).
 */
public final class Journal implements ReadableJournal, AutoCloseable {
    /** The byte ring starts this small and doubles as the run needs, up to its budget. */
    private static final int FIRST_RING_BYTES = 64 * 1024;
    private static final int MAX_RING_BYTES = 64 << 20;

    private final JournalConfig config;
    private final int mask;
    /** Where events that leave memory are kept: the spill file, or the saved run's journal. */
    private final JournalFile spill;
    /** Whether {@link #spill} takes every event as it is appended (a saved run) rather than as it leaves memory. */
    private final boolean writeThrough;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final int maxRingBytes;

    // Per slot (id & mask), the event's type, and where its payload is: at byte position
    // starts[slot] of the byte ring, or, when it is too large to share the ring, in large[slot].
    private final String[] types;
    private final long[] starts;
    private final int[] lengths;
    private final byte[][] large;

    /**
     * The payloads of the events in memory, back to back: one array that lives as long as the
     * journal, instead of one per event. Payloads the journal keeps outlive the young generation,
     * and the collector copied each of them (the ingest rate of short lines rose by about half
     * without that copying). Positions are absolute (they only grow); a byte's index is the
     * position modulo the ring's length.
     */
    private volatile byte[] ring;
    /** Where the next payload goes in the ring (writer only). */
    private long ringHead;
    /** Below this position no ring byte belongs to an event still in memory (writer only). */
    private long ringTail;

    /** The newest id; written after the event is in place, so readers see the event. */
    private volatile long lastId;
    /**
     * The oldest id still in memory: the sequence of the sequence lock (class comment). Raised
     * before the bytes of what it leaves are overwritten, and read again by readers after they
     * copy, so that a reader never delivers a torn payload.
     */
    private volatile long firstInMemory = 1;
    private volatile boolean complete;
    private long memoryBytes;

    /** A journal that tells no one when its spill file fails; its readers are still shown the gap. */
    public Journal(JournalConfig config) {
        this(config, notice -> { });
    }

    /**
     * @param notices told, once, when the spill file cannot keep what leaves memory (a full disk, an
     *                I/O error), in a sentence for the user; called on whichever thread found it
     */
    public Journal(JournalConfig config, Consumer<String> notices) {
        this(config, notices, null);
    }

    /**
     * A journal that also keeps every event in {@code saveTo}'s journal file, written through as it
     * is appended; that file then also keeps what leaves memory, instead of a spill file.
     *
     * @throws java.io.UncheckedIOException when the file cannot be created, with a sentence for the user
     */
    public Journal(JournalConfig config, Consumer<String> notices, RunDirectory saveTo) {
        this.config = config;
        int capacity = Integer.highestOneBit(Math.max(16, config.maxEvents()) - 1) << 1;
        this.mask = capacity - 1;
        this.types = new String[capacity];
        this.starts = new long[capacity];
        this.lengths = new int[capacity];
        this.large = new byte[capacity][];
        // A power of two (rounded down, so the ring never exceeds the budget), so that doubling
        // from the first size reaches it, and a payload that does not wrap in the ring before it
        // grows does not wrap after. At most 64 MiB, so that doubling never needs 1.5 times a huge
        // budget at once; past the ring, payloads keep their own arrays (see makeRoom).
        this.maxRingBytes = Integer.highestOneBit((int) Math.max(FIRST_RING_BYTES, Math.min(config.maxBytes(), MAX_RING_BYTES)));
        this.ring = new byte[Math.min(FIRST_RING_BYTES, maxRingBytes)];
        this.writeThrough = saveTo != null;
        this.spill = saveTo != null ? JournalFile.save(saveTo.journalFile(), saveTo.indexFile(), notices)
                : config.spillDir() == null || config.spillMaxBytes() == 0
                ? null : JournalFile.spill(config.spillDir(), config.spillMaxBytes(), notices);
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
            long id = event.id();
            int len = payload.length;
            if (writeThrough) {
                spill.append(id, type, payload, 0, len);
            }
            evictFor(id, len);
            long start = len <= maxRingBytes / 8 ? makeRoom(id, len) : -1;
            boolean inRing = start >= 0;
            // Writer's step 2 (class comment): readers re-check firstInMemory after copying, so the
            // evictions above must be visible before any byte or slot of what they evicted is
            // overwritten below; the volatile stores alone do not hold back the plain ones after them.
            VarHandle.storeStoreFence();
            int slot = (int) (id & mask);
            if (inRing) {
                byte[] r = ring;
                System.arraycopy(payload, 0, r, (int) (start & (r.length - 1)), len);
                large[slot] = null;
            } else {
                large[slot] = payload;
            }
            types[slot] = type;
            starts[slot] = start;
            lengths[slot] = len;
            memoryBytes += footprint(len);
            lastId = id;
            complete = last;
        }
        notifyListeners();
        return event;
    }

    private static long footprint(int payloadBytes) {
        return payloadBytes + 64L;
    }

    /** Moves the oldest events out of memory until {@code incoming} fits the count and byte budgets. */
    private void evictFor(long incoming, int len) {
        long first = firstInMemory;
        while (first < incoming && (incoming - first >= config.maxEvents() || incoming - first > mask
                || memoryBytes + footprint(len) > config.maxBytes())) {
            evict(first++);
        }
    }

    /**
     * The ring position for a payload of {@code len} bytes, growing the ring or evicting the
     * oldest events until they fit, or -1 when the payload is to keep its own array: when the ring
     * is as large as it may grow and evicting would lose what the budgets say to keep, because
     * there is no spill file to take it (or it is full). A payload never wraps around the ring's
     * end: it starts again at index 0 instead, so that it can be copied out in one piece.
     */
    private long makeRoom(long incoming, int len) {
        while (true) {
            byte[] r = ring;
            long start = ringHead;
            int index = (int) (start & (r.length - 1));
            if (index + len > r.length) {
                start += r.length - index;
            }
            if (start + len - ringTail <= r.length) {
                ringHead = start + len;
                return start;
            }
            if (r.length < maxRingBytes) {
                grow(r);
            } else if (spill == null || spill.isFull()) {
                return -1;
            } else {
                evict(firstInMemory); // older than incoming: the ring is not empty, or the payload would fit
            }
        }
    }

    /** Doubles the ring. The old array is never written again, so readers still copying from it read what they expect. */
    private void grow(byte[] old) {
        byte[] bigger = new byte[old.length * 2];
        for (long pos = ringTail; pos < ringHead;) {
            int from = (int) (pos & (old.length - 1));
            int n = (int) Math.min(ringHead - pos, old.length - from);
            System.arraycopy(old, from, bigger, (int) (pos & (bigger.length - 1)), n);
            pos += n;
        }
        ring = bigger;
    }

    /**
     * Moves event {@code id}, the oldest in memory, to the spill file (when there is one). It
     * leaves memory as a whole: firstInMemory passes it only once the spill file has it, and
     * before its slot is cleared, so a reader finds it in one place or the other. What the spill
     * file does not take (or takes but then fails to write) is dropped: readers find it in neither
     * place, and the gap they are shown covers it. Raising firstInMemory first is the writer's step 1
     * (class comment); a reader that sees {@code large[slot]} cleared before that discards its copy
     * as torn and looks again.
     */
    private void evict(long id) {
        int slot = (int) (id & mask);
        byte[] big = large[slot];
        int len = lengths[slot];
        long start = starts[slot];
        if (spill != null && !writeThrough) {
            byte[] r = ring;
            spill.append(id, types[slot], big != null ? big : r, big != null ? 0 : (int) (start & (r.length - 1)), len);
        }
        firstInMemory = id + 1;
        if (big != null) {
            large[slot] = null;
        } else {
            ringTail = start + len;
        }
        memoryBytes -= footprint(len);
    }

    /** The byte ring's length now. */
    int ringBytes() {
        return ring.length;
    }

    @Override
    public long lastId() {
        return lastId;
    }

    /** The oldest id still held in memory (older ones are in the spill file, or gone). */
    @Override
    public long oldestInMemory() {
        return firstInMemory;
    }

    /** Whether the last event of the run has been appended. */
    @Override
    public boolean isComplete() {
        return complete;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ids come from outside (a header, a query), and {@code Long.MAX_VALUE + 1} once made this
     * loop for ever: past the newest event the loop is never entered.
     */
    @Override
    public long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out) {
        return scan(afterId, maxEvents, maxBytes, EventSink.copying(out));
    }

    /** {@inheritDoc} What is in the spill file is given where it lies in the read buffer. */
    @Override
    public long scan(long afterId, int maxEvents, long maxBytes, EventSink out) {
        long after = Math.max(afterId, 0);
        long last = lastId;
        if (after >= last) {
            return after;
        }
        long next = after + 1;
        int delivered = 0;
        long bytes = 0;
        boolean goOn = true;
        while (next <= last && delivered < maxEvents && bytes < maxBytes && goOn) {
            Event e = fromMemory(next);
            if (e != null) {
                goOn = out.accept(e);
                next++;
                delivered++;
                bytes += e.payload().length;
                continue;
            }
            // firstInMemory first: whatever left memory below it is in the spill file by then, or
            // was dropped (spill.lastId() writes out what it buffers, so it counts only what it keeps).
            long first = firstInMemory;
            long spilled = spill == null ? 0 : spill.lastId();
            if (next <= spilled) {
                int[] n = {0};
                long[] b = {0};
                boolean[] go = {true};
                next = spill.scan(next, maxEvents - delivered, maxBytes - bytes, (id, type, buf, off, len) -> {
                    n[0]++;
                    b[0] += len;
                    go[0] = out.accept(id, type, buf, off, len);
                    return go[0];
                });
                delivered += n[0];
                bytes += b[0];
                goOn = go[0];
                continue;
            }
            long resume = Math.max(first, spilled + 1);
            if (resume <= next) {
                continue; // raced with eviction; look again
            }
            goOn = out.accept(gap(next, resume - 1));
            next = resume;
            delivered++;
        }
        return next - 1;
    }

    /**
     * Event {@code id} copied out of memory, or null if it left memory meanwhile. The writer may
     * be overwriting its slot and bytes as they are read; the copy only counts if the event was
     * still in memory after it was made (the reader's side of the sequence lock in the class
     * comment). The caller has read {@code lastId >= id}, so the slot holds this id or a newer one.
     */
    private Event fromMemory(long id) {
        if (id < firstInMemory) { // reader's step 1
            return null;
        }
        int slot = (int) (id & mask);
        String type = types[slot];
        long start = starts[slot];
        int len = lengths[slot];
        byte[] payload = large[slot];
        if (payload == null) {
            byte[] r = ring;
            int index = (int) (start & (r.length - 1));
            if (start >= 0 && len <= r.length - index) {
                payload = Arrays.copyOfRange(r, index, index + len);
            } // else a torn slot: the event is leaving memory, as the check below tells
        }
        // Reader's steps 3 and 4: every load above is done before firstInMemory is read again; a
        // volatile load alone would let them drift past it.
        VarHandle.loadLoadFence();
        if (id < firstInMemory || type == null || payload == null) {
            return null;
        }
        return new Event(id, type, payload);
    }

    static Event gap(long from, long to) {
        return new Event(to, EventTypes.GAP, Payloads.gap(from, to));
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void notifyListeners() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /**
     * For a saved run: writes out what is buffered, waits until the disk has it, and returns why the
     * saved journal misses events (a write failed), or null when it has every one appended so far.
     */
    String syncSaved() {
        if (!writeThrough) {
            return null;
        }
        spill.sync();
        return spill.writeProblem();
    }

    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }
}
