package org.ssewatch.redis;

import java.util.concurrent.TimeUnit;

/** Capped exponential backoff between tries to reach Redis: 100 ms, 200 ms, ... up to 5 s. */
final class Backoff {
    static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long CAP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private long next = FIRST_NANOS;

    long next() {
        long now = next;
        next = Math.min(CAP_NANOS, next * 2);
        return now;
    }

    void reset() {
        next = FIRST_NANOS;
    }
}
