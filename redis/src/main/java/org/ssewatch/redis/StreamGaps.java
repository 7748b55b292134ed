package org.ssewatch.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.Payloads;

/**
 * The reader's side of a published run: turns the entries of an {@code XRANGE} or {@code XREAD}
 * of a run's stream, read for a reader positioned after an id, into the events that reader is
 * owed, with the same {@code gap} rule as the journal. Where the stream no longer has the ids the
 * reader wants (trimmed by {@code MAXLEN ~}, or never published), the reader gets one {@code gap}
 * for them: {@code from} the first wanted id, {@code to} the one before the first entry, whose id
 * it carries; a published {@code gap} entry there is widened to start at the wanted id instead, so
 * that every id still reaches the reader exactly once, as itself or inside a gap.
 */
public final class StreamGaps {
    private StreamGaps() {
    }

    /**
     * @param after   the reader's position: it has every id up to this one
     * @param entries Jedis's binary reply of entries: each a list of the entry id ({@code 0-N})
     *                and its field-value list ({@code t}, {@code d})
     */
    public static List<Event> events(long after, List<Object> entries) {
        List<Event> out = new ArrayList<>(entries.size() + 1);
        long next = after + 1;
        for (Object o : entries) {
            List<?> entry = (List<?>) o;
            long id = eventId((byte[]) entry.get(0));
            if (id < next) {
                continue; // the reader has it already (an XRANGE from an inclusive start)
            }
            Event event = event(id, (List<?>) entry.get(1));
            if (id > next) {
                if (event.type().equals(EventTypes.GAP)) {
                    event = gap(next, id);
                } else {
                    out.add(gap(next, id - 1));
                }
            }
            out.add(event);
            next = id + 1;
        }
        return out;
    }

    /** The event id of a stream entry id {@code 0-N}. */
    public static long eventId(byte[] entryId) {
        String s = new String(entryId, StandardCharsets.US_ASCII);
        if (!s.startsWith("0-")) {
            throw new IllegalArgumentException("not the entry id of a published event: " + s);
        }
        return Long.parseLong(s.substring(2));
    }

    private static Event event(long id, List<?> fields) {
        String type = null;
        byte[] data = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = new String((byte[]) fields.get(i), StandardCharsets.US_ASCII);
            if (name.equals(RedisKeys.TYPE_FIELD)) {
                type = new String((byte[]) fields.get(i + 1), StandardCharsets.US_ASCII);
            } else if (name.equals(RedisKeys.DATA_FIELD)) {
                data = (byte[]) fields.get(i + 1);
            }
        }
        if (type == null || data == null) {
            throw new IllegalArgumentException("stream entry 0-" + id + " lacks its t or d field");
        }
        return new Event(id, type.intern(), data); // interned: Event checks the line types by identity
    }

    private static Event gap(long from, long to) {
        return new Event(to, EventTypes.GAP, Payloads.gap(from, to));
    }
}
