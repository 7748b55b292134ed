package org.ssewatch.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ssewatch.share.Event;

/**
 * The Server-Sent Events wire format, and nothing else. Payloads are one line of JSON (control
 * characters escaped), ids are digits and types are checked identifiers, so no field can carry a
 * CR, LF or NUL. Always "data: " with the space, so a value is never trimmed.
 */
final class SseFrames {
    private static final byte[] ID = bytes("id: ");
    private static final byte[] EVENT = bytes("\nevent: ");
    private static final byte[] DATA = bytes("\ndata: ");
    private static final byte[] END = bytes("\n\n");
    static final byte[] HEARTBEAT = bytes(": heartbeat\n\n");

    private SseFrames() {
    }

    static byte[] retry(long millis) {
        return bytes("retry: " + millis + "\n\n");
    }

    /** The encoded size of {@code e}'s frame. */
    static int size(Event e) {
        return ID.length + digits(e.id()) + EVENT.length + e.type().length() + DATA.length + e.payload().length + END.length;
    }

    /** Writes {@code e}'s frame; the buffer must have {@link #size} bytes left. */
    static void write(Event e, ByteBuffer out) {
        out.put(ID);
        putDigits(e.id(), out);
        out.put(EVENT);
        putAscii(e.type(), out);
        out.put(DATA).put(e.payload()).put(END);
    }

    static byte[] frame(Event e) {
        ByteBuffer b = ByteBuffer.allocate(size(e));
        write(e, b);
        return b.array();
    }

    /** The number of decimal digits of an id or a cursor (never negative). */
    static int digits(long n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    /** Writes a type, which {@link Event#isValidType} keeps to ASCII. */
    static void putAscii(String s, ByteBuffer out) {
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i));
        }
    }

    static void putDigits(long n, ByteBuffer out) {
        int d = digits(n);
        int at = out.position() + d;
        for (int i = 1; i <= d; i++) {
            out.put(at - i, (byte) ('0' + n % 10));
            n /= 10;
        }
        out.position(at);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
