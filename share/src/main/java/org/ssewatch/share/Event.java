package org.ssewatch.share;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One journal entry: a consecutive id, a type ({@link EventTypes}) and its payload, one line of
 * UTF-8 JSON. The payload is encoded once, when the event is journaled, so that every transport
 * sends the same bytes. The array is never modified after construction; do not modify it either.
 */
public record Event(long id, String type, byte[] payload) {

    public Event {
        if (id < 1) {
            throw new IllegalArgumentException("event ids start at 1: " + id);
        }
        Objects.requireNonNull(payload, "payload");
        // The built-in line types are checked once, here, rather than on every append.
        if (type != EventTypes.STDOUT && type != EventTypes.STDERR && !isValidType(type)) {
            throw new IllegalArgumentException("an event type is 1 to 64 of A-Z a-z 0-9 _ . - : " + type);
        }
    }

    /**
     * Types are plain identifiers so that they can go on the SSE {@code event:} line and into JSON
     * as they are: no CR, LF, NUL, colon or quote can ever reach the wire through them.
     */
    public static boolean isValidType(String type) {
        if (type == null || type.isEmpty() || type.length() > 64) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The payload as a string of JSON. */
    public String payloadJson() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Event[" + id + " " + type + " " + payloadJson() + "]";
    }
}
