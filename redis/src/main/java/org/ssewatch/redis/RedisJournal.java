package org.ssewatch.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.Payloads;
import org.ssewatch.share.ReadableJournal;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.UnifiedJedis;

/**
 * A published run's events as a relay's viewers read them: the newest from a local
 * {@link EventRing} that the run's one follower fills, so that viewers cost Redis nothing; older
 * ones by a bounded {@code XRANGE} on demand (a late joiner, a reader far behind), where what
 * the stream no longer has becomes a {@code gap} ({@link StreamGaps}). If Redis cannot be reached
 * for those, the reader gets nothing yet and is asked back by the next append.
 */
public final class RedisJournal implements ReadableJournal {
    /** Entries per {@code XRANGE}: bounds a late joiner's read, and so its memory, whatever it asks. */
    static final int RANGE_COUNT = 1000;

    private final EventRing ring;
    private final UnifiedJedis redis;
    private final byte[] eventsKey;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastId;
    private volatile boolean complete;

    RedisJournal(EventRing ring, UnifiedJedis redis, String eventsKey) {
        this.ring = ring;
        this.redis = redis;
        this.eventsKey = RedisKeys.bytes(eventsKey);
    }

    /** The follower's: events read from the stream, in order, after {@link #lastId}. */
    void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        for (Event e : events) {
            ring.add(e);
        }
        Event last = events.get(events.size() - 1);
        lastId = last.id();
        if (last.type().equals(EventTypes.EXIT)) {
            complete = true;
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    @Override
    public long lastId() {
        return lastId;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public long oldestInMemory() {
        long oldest = ring.oldestId();
        return oldest == Long.MAX_VALUE ? lastId + 1 : oldest;
    }

    @Override
    public long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out) {
        long after = Math.max(afterId, 0);
        long end = lastId;
        if (after >= end || maxEvents <= 0) {
            return after;
        }
        long oldest = ring.oldestId();
        if (after + 1 >= oldest) {
            return ring.read(after, maxEvents, maxBytes, out);
        }
        return readStored(after, Math.min(oldest - 1, end), maxEvents, maxBytes, out);
    }

    /** Ids {@code after+1 .. upTo} from the stream itself, as far as the limits and one XRANGE go. */
    private long readStored(long after, long upTo, int maxEvents, long maxBytes, Consumer<Event> out) {
        List<Object> entries;
        try {
            entries = xrange(after + 1, upTo, Math.min(maxEvents, RANGE_COUNT));
        } catch (RuntimeException e) {
            return after; // Redis is away: the follower says so; the reader tries again on the next append
        }
        List<Event> events = StreamGaps.events(after, entries);
        long last = events.isEmpty() ? after : events.get(events.size() - 1).id();
        if (events.size() < Math.min(maxEvents, RANGE_COUNT) && last < upTo) {
            // The stream ends before upTo (trimmed up to the ring's oldest): one gap to there.
            events.add(new Event(upTo, EventTypes.GAP, Payloads.gap(last + 1, upTo)));
        }
        long given = 0;
        long delivered = after;
        int n = 0;
        for (Event e : events) {
            if (n >= maxEvents || given >= maxBytes) {
                break;
            }
            out.accept(e);
            given += e.payload().length;
            delivered = e.id();
            n++;
        }
        return delivered;
    }

    @SuppressWarnings("unchecked")
    private List<Object> xrange(long from, long to, int count) {
        Object reply = redis.sendCommand(Command.XRANGE, eventsKey, ascii("0-" + from), ascii("0-" + to),
                ascii("COUNT"), ascii(Integer.toString(count)));
        return (List<Object>) reply;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
