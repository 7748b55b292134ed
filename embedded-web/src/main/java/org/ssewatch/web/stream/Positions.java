package org.ssewatch.web.stream;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/**
 * Reads ids and numbers from requests, rejecting anything that is not a plain decimal in range.
 * This is the one place ids from outside are checked: past it, an id is at most {@link #MAX_ID}, so
 * no {@code id + 1} anywhere can overflow.
 */
public final class Positions {
    /**
     * The largest id accepted: 2^53 - 1, JavaScript's largest safe integer. Ids travel through the
     * page's JavaScript, where a larger one would be rounded to another id; no run gets near it.
     */
    public static final long MAX_ID = (1L << 53) - 1;
    /** Digits in a number that may be in range, after leading zeros: MAX_ID has 16. */
    private static final int MAX_DIGITS = 18;

    private Positions() {
    }

    /** Thrown for a parameter that cannot be right; answered with 400 and its message. */
    public static final class BadRequest extends Exception {
        public BadRequest(String message) {
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
            return number("Last-Event-ID", header.trim(), 0, MAX_ID);
        }
        String last = param(ex, "lastEventId");
        if (last != null && !last.isEmpty()) {
            return number("lastEventId", last, 0, MAX_ID);
        }
        String from = param(ex, "from");
        if (from != null && !from.isEmpty()) {
            return number("from", from, 1, MAX_ID) - 1;
        }
        return 0;
    }

    public static long number(HttpServerExchange ex, String name, long fallback, long min, long max) throws BadRequest {
        String v = param(ex, name);
        return v == null || v.isEmpty() ? fallback : number(name, v, min, max);
    }

    public static String param(HttpServerExchange ex, String name) {
        Deque<String> values = ex.getQueryParameters().get(name);
        return values == null ? null : values.peekFirst();
    }

    /** {@code value} as a number from {@code min} to {@code max}, which must be at most {@link #MAX_ID}. */
    private static long number(String name, String value, long min, long max) throws BadRequest {
        if (value.chars().anyMatch(c -> c < '0' || c > '9')) {
            throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        // Longer is out of range anyway, and would overflow parseLong (2^63 has 19 digits).
        long n = digits.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
        if (n < min || n > max) {
            throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return n;
    }
}
