package org.ssewatch.web;

import java.time.Duration;

/**
 * How the stream endpoints behave; the defaults suit browsers behind common proxies.
 *
 * @param heartbeat   a comment is sent on an idle stream this often (proxies drop idle streams
 *                    after 30 to 60 s)
 * @param retry       the reconnection delay the stream suggests to browsers
 * @param pollHold    how long an empty long-poll is held (under common 30 s proxy timeouts)
 * @param wakeDelay   how long new events may wait to be sent together to idle viewers: batching
 *                    keeps the number of socket writes bounded at high line rates
 * @param maxViewers  concurrent stream and poll viewers at most; more get 503 with Retry-After
 */
public record StreamOptions(Duration heartbeat, Duration retry, Duration pollHold, Duration wakeDelay, int maxViewers) {
    /**
     * 256: a team of a few dozen, each with several tabs (every tab holds one stream or poll),
     * with room to spare. It stays well under the 1024 open files a process gets by default, so a
     * crowd gets a clear 503 instead of failed accepts, and it bounds what a leaked link can cost.
     * A run shown on a big screen for a whole department needs {@code --max-viewers}.
     */
    public static final int DEFAULT_MAX_VIEWERS = 256;

    public StreamOptions {
        if (heartbeat.toMillis() < 100) {
            throw new IllegalArgumentException("heartbeat must be at least 100 ms: " + heartbeat);
        }
        if (retry.isNegative() || pollHold.isNegative() || wakeDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxViewers < 1) {
            throw new IllegalArgumentException("max viewers must be at least 1: " + maxViewers);
        }
    }

    public static StreamOptions defaults() {
        return new StreamOptions(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(25),
                Duration.ofMillis(5), DEFAULT_MAX_VIEWERS);
    }

    public StreamOptions withHeartbeat(Duration d) {
        return new StreamOptions(d, retry, pollHold, wakeDelay, maxViewers);
    }

    public StreamOptions withPollHold(Duration d) {
        return new StreamOptions(heartbeat, retry, d, wakeDelay, maxViewers);
    }

    public StreamOptions withMaxViewers(int n) {
        return new StreamOptions(heartbeat, retry, pollHold, wakeDelay, n);
    }
}
