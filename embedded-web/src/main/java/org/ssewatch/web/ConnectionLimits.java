package org.ssewatch.web;

import java.time.Duration;

/**
 * What one connection may cost the server, so that malformed, huge or slow requests cannot crash
 * it or hold it up. Undertow parses requests without blocking a thread, so a slow client only
 * holds its own socket, and only until {@code parseTimeout}.
 *
 * @param maxHeaderBytes   request line and headers together at most (HTTP/2: the header list)
 * @param maxHeaders       header fields at most
 * @param maxParameters    query parameters at most
 * @param maxBodyBytes     request body at most (ssewatch reads none; this bounds what is drained)
 * @param parseTimeout     from a request's first byte to the end of its headers at most: cuts off
 *                         clients that send headers a byte at a time (slowloris)
 * @param noRequestTimeout how long a connection may stay open with no request on it
 * @param idleTimeout      how long a connection may see no traffic either way; must exceed the
 *                         heartbeat and poll hold, which keep viewers' connections busy
 * @param maxStreamsPerConnection HTTP/2 streams at once on one connection (a browser multiplexes
 *                         every tab's stream onto one)
 */
public record ConnectionLimits(int maxHeaderBytes, int maxHeaders, int maxParameters, long maxBodyBytes,
        Duration parseTimeout, Duration noRequestTimeout, Duration idleTimeout, int maxStreamsPerConnection) {
    public ConnectionLimits {
        if (maxHeaderBytes < 1024 || maxHeaders < 8 || maxParameters < 4 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits too small to serve a browser");
        }
        if (parseTimeout.toMillis() < 100 || noRequestTimeout.toMillis() < 100 || idleTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("timeouts must be at least 100 ms");
        }
        if (maxStreamsPerConnection < 1) {
            throw new IllegalArgumentException("at least one stream per connection");
        }
    }

    /**
     * 16 KiB of headers (browsers send under 2; long tokens and cookies fit), 10 s to send them,
     * 2 minutes idle between requests, 5 minutes without any traffic (heartbeats every 15 s keep
     * streams busy), 100 HTTP/2 streams per connection (what browsers expect).
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(16 * 1024, 64, 32, 64 * 1024, Duration.ofSeconds(10), Duration.ofMinutes(2),
                Duration.ofMinutes(5), 100);
    }

    public ConnectionLimits withParseTimeout(Duration d) {
        return new ConnectionLimits(maxHeaderBytes, maxHeaders, maxParameters, maxBodyBytes, d, noRequestTimeout,
                idleTimeout, maxStreamsPerConnection);
    }

    public ConnectionLimits withIdleTimeout(Duration d) {
        return new ConnectionLimits(maxHeaderBytes, maxHeaders, maxParameters, maxBodyBytes, parseTimeout,
                noRequestTimeout, d, maxStreamsPerConnection);
    }
}
