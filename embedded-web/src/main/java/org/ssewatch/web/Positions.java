package org.ssewatch.web;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/** Reads ids and numbers from requests, rejecting anything that is not a plain decimal. */
final class Positions {
    private Positions() {
    }

    /** Thrown for a parameter that cannot be right; answered with 400 and its message. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    /**
     * Where an event stream starts: after the id in Last-Event-ID or {@code lastEventId}, or
     * before {@code from}; 0 (the whole run) when none is given.
     */
    static long streamStart(HttpServerExchange ex) throws BadRequest {
        String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (header != null && !header.isBlank()) {
            return number("Last-Event-ID", header.trim(), 0, Long.MAX_VALUE);
        }
        String last = param(ex, "lastEventId");
        if (last != null && !last.isEmpty()) {
            return number("lastEventId", last, 0, Long.MAX_VALUE);
        }
        String from = param(ex, "from");
        if (from != null && !from.isEmpty()) {
            return number("from", from, 1, Long.MAX_VALUE) - 1;
        }
        return 0;
    }

    static long number(HttpServerExchange ex, String name, long fallback, long min, long max) throws BadRequest {
        String v = param(ex, name);
        return v == null || v.isEmpty() ? fallback : number(name, v, min, max);
    }

    static String param(HttpServerExchange ex, String name) {
        Deque<String> values = ex.getQueryParameters().get(name);
        return values == null ? null : values.peekFirst();
    }

    private static long number(String name, String value, long min, long max) throws BadRequest {
        if (value.length() > 19 || value.chars().anyMatch(c -> c < '0' || c > '9')) {
            throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return n;
    }
}
