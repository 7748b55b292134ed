package org.ssewatch.web.stream;

import java.nio.ByteBuffer;
import org.ssewatch.share.AsciiBytes;
import org.ssewatch.share.Event;

/**
 * The Server-Sent Events wire format, and nothing else. Payloads are one line of JSON (control
 * characters escaped), ids are digits and types are checked identifiers, so no field can carry a
 * CR, LF or NUL. Always "data: " with the space, so a value is never trimmed.
 */
final class SseFrames {
    private static final byte[] ID = AsciiBytes.of("id: ");
    private static final byte[] EVENT = AsciiBytes.of("\nevent: ");
    private static final byte[] DATA = AsciiBytes.of("\ndata: ");
    private static final byte[] END = AsciiBytes.of("\n\n");
    static final byte[] HEARTBEAT = AsciiBytes.of(": heartbeat\n\n");

    private SseFrames() {
    }

    static byte[] retry(long millis) {
        return AsciiBytes.of("retry: " + millis + "\n\n");
    }

    /** The encoded size of {@code e}'s frame. */
    static int size(Event e) {
        return ID.length + AsciiBytes.digits(e.id()) + EVENT.length + e.type().length() + DATA.length + e.payload().length + END.length;
    }

    /** Writes {@code e}'s frame; the buffer must have {@link #size} bytes left. */
    static void write(Event e, ByteBuffer out) {
        out.put(ID);
        AsciiBytes.putDigits(e.id(), out);
        out.put(EVENT);
        AsciiBytes.putAscii(e.type(), out);
        out.put(DATA).put(e.payload()).put(END);
    }

    static byte[] frame(Event e) {
        ByteBuffer b = ByteBuffer.allocate(size(e));
        write(e, b);
        return b.array();
    }
}
