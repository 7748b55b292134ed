package org.ssewatch.web.stream;

import java.nio.ByteBuffer;
import java.util.List;
import org.ssewatch.share.AsciiBytes;
import org.ssewatch.share.Event;

/**
 * A long-poll answer: {@code {"events":[{"id":N,"type":"T","data":PAYLOAD},...],"last":N,"done":B}}.
 * Written straight into one buffer of the exact size, because every poller encodes every event
 * for itself; the payloads are JSON already, types are checked identifiers and ids are digits,
 * so nothing needs escaping.
 */
final class PollAnswer {
    private static final byte[] HEAD = AsciiBytes.of("{\"events\":[");
    private static final byte[] ID = AsciiBytes.of("{\"id\":");
    private static final byte[] TYPE = AsciiBytes.of(",\"type\":\"");
    private static final byte[] DATA = AsciiBytes.of("\",\"data\":");
    private static final byte[] LAST = AsciiBytes.of("],\"last\":");
    private static final byte[] DONE = AsciiBytes.of(",\"done\":true}");
    private static final byte[] NOT_DONE = AsciiBytes.of(",\"done\":false}");

    private PollAnswer() {
    }

    /** {@code last} is the id the next poll starts after (never negative). */
    static ByteBuffer encode(List<Event> events, long last, boolean done) {
        int size = HEAD.length + LAST.length + AsciiBytes.digits(last) + (done ? DONE : NOT_DONE).length;
        for (Event e : events) {
            size += ID.length + AsciiBytes.digits(e.id()) + TYPE.length + e.type().length() + DATA.length
                    + e.payload().length + 1;
        }
        size += Math.max(0, events.size() - 1); // commas
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(HEAD);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(ID);
            AsciiBytes.putDigits(e.id(), out);
            out.put(TYPE);
            AsciiBytes.putAscii(e.type(), out);
            out.put(DATA).put(e.payload()).put((byte) '}');
        }
        out.put(LAST);
        AsciiBytes.putDigits(last, out);
        out.put(done ? DONE : NOT_DONE);
        return out.flip();
    }
}
