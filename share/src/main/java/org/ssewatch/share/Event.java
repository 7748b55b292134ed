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
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload as a string of JSON. */
    public String payloadJson() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A rough count of the heap this event holds, used for the journal's byte budget. */
    long footprint() {
        return payload.length + 64L;
    }

    @Override
    public String toString() {
        return "Event[" + id + " " + type + " " + payloadJson() + "]";
    }
}
