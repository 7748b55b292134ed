package org.ssewatch.web.stream;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ReadableJournal;

/**
 * The SSE frames of the newest events, each encoded once and kept back to back in a fixed ring, so
 * that a wake-up costs each caught-up viewer one copy instead of one encoding per event: with 1,000
 * viewers, a line is framed once rather than 1,000 times. It holds at most {@link #MAX_EVENTS}
 * events and {@code capacity} bytes, whatever the number of viewers; a viewer further behind, and
 * any event it cannot hold (a gap, a frame over a quarter of the ring), is served from the journal
 * by the caller as before, with the same bytes. Nor does it serve a cursor older than what the
 * journal holds in memory, though the ring may still have the frames: what the journal has
 * forgotten it answers with a gap event, and its spill file is read by the viewer that needs it.
 */
final class RecentFrames {
    /** The most events held (one slot each in {@link #ends}). */
    static final int MAX_EVENTS = 4096;
    /**
     * When the ring has fallen further behind than this (nobody asked for a while, or lines come
     * faster than viewers are woken), it starts again this many events before the newest: viewers
     * that keep up are about a wake-up's worth behind (20 ms at 1,000 viewers: 1,024 is 50,000
     * lines/s).
     */
    static final int RESTART_BEHIND = 1024;

    private final ReadableJournal journal;
    private final byte[] ring;
    private final int mask;
    /** ends[id & slotMask]: the absolute offset just past event id's frame. */
    private final long[] ends = new long[MAX_EVENTS];
    private final int slotMask = MAX_EVENTS - 1;
    private final Consumer<Event> appendFrame = this::append;
    private ByteBuffer scratch = ByteBuffer.allocate(1024);
    /** Bytes of frames the current catch-up may still add; negative once it has stopped. */
    private int room;
    /** The ids held are first..last; first == last + 1 when none is. */
    private long first = 1;
    private long last;
    /** Absolute offsets (they only grow) of first's frame and of the end of last's. */
    private long start;
    private long end;

    RecentFrames(ReadableJournal journal, int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 1024) {
            throw new IllegalArgumentException("the capacity is a power of two of at least 1024: " + capacity);
        }
        this.journal = journal;
        this.ring = new byte[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Copies into {@code out} the frames of the events after {@code cursor}, as many whole frames as
     * fit, and returns the id of the last one copied; returns {@code cursor} when it copied nothing
     * (nothing new, too far behind, or the next event is not held here). Any cursor is safe:
     * {@code cursor + 1} is only computed below the newest id held.
     */
    synchronized long copy(long cursor, ByteBuffer out) {
        long oldest = journal.oldestInMemory();
        if (cursor < oldest - 1 || cursor < first - 1) {
            // Before catching up: first only rises, so that could not bring this cursor back in,
            // and a viewer reading history must not frame new events on every fill for nothing.
            return cursor;
        }
        catchUp(oldest);
        if (cursor < first - 1 || cursor >= last) {
            return cursor;
        }
        long from = cursor == first - 1 ? start : ends[slot(cursor)];
        long limit = from + out.remaining();
        long id = last;
        if (end > limit) {
            // The newest frame that still fits: ends[] rises with the id.
            long lo = cursor + 1;
            long hi = last;
            id = cursor;
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                if (ends[slot(mid)] <= limit) {
                    id = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (id == cursor) {
                return cursor;
            }
        }
        put(from, ends[slot(id)], out);
        return id;
    }

    private void catchUp(long oldest) {
        long newest = journal.lastId();
        if (newest <= last) {
            return;
        }
        // Never the whole way there from far behind, and not from the spill file (unless the journal
        // evicts between oldestInMemory() and this read: the bytes are the same, only slower).
        long from = Math.max(newest - RESTART_BEHIND, oldest - 1);
        if (last < from) {
            restartAfter(from);
        }
        // At most a ring's worth per call, so a burst of long lines is never encoded all at once
        // while the IO threads wait for this lock, and none of this call's frames pushes another
        // of them out of the ring (older ones do go): the caller wants the first of them.
        room = ring.length;
        journal.read(last, (int) (newest - last), ring.length, appendFrame);
    }

    private void append(Event e) {
        if (room < 0) {
            return; // this call's share is taken; the next call goes on from last
        }
        if (e.id() != last + 1 || e.type().equals(EventTypes.GAP)) {
            // A gap's payload depends on where its reader was: never shared. Whoever reads past it
            // goes to the journal, which makes the right one.
            restartAfter(e.id());
            return;
        }
        int size = SseFrames.size(e);
        if (size > ring.length / 4) {
            restartAfter(e.id());
            return;
        }
        if (size > room) {
            room = -1;
            return;
        }
        room -= size;
        while (first <= last && (end + size - start > ring.length || last - first + 1 >= MAX_EVENTS)) {
            start = ends[slot(first)];
            first++;
        }
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocate(Math.max(size, 2 * scratch.capacity()));
        }
        scratch.clear();
        SseFrames.write(e, scratch);
        int at = (int) (end & mask);
        int head = Math.min(size, ring.length - at);
        System.arraycopy(scratch.array(), 0, ring, at, head);
        System.arraycopy(scratch.array(), head, ring, 0, size - head);
        end += size;
        ends[slot(e.id())] = end;
        last = e.id();
    }

    private void restartAfter(long id) {
        first = id + 1;
        last = id;
        start = end;
    }

    private void put(long from, long to, ByteBuffer out) {
        int at = (int) (from & mask);
        int n = (int) (to - from);
        int head = Math.min(n, ring.length - at);
        out.put(ring, at, head);
        out.put(ring, 0, n - head);
    }

    private int slot(long id) {
        return (int) (id & slotMask);
    }
}
