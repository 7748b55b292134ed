package org.ssewatch.redis;

import java.time.Duration;

/**
 * How a run is published. Validated once, here.
 *
 * @param url       the Redis server
 * @param keys      the prefix of every key (docs/redis.md)
 * @param maxLen    keep about this many entries in the run's stream ({@code XADD MAXLEN ~}), 0 for all
 * @param ttl       how long the run's keys outlive the publisher's last write (the run's end, or
 *                  its last sign of life if it died), or null to keep them until deleted
 * @param flushWait at the end of the run, how long to wait for Redis to take what is not yet published
 */
public record PublishConfig(RedisUrl url, RedisKeys keys, long maxLen, Duration ttl, Duration flushWait) {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_FLUSH_WAIT = Duration.ofSeconds(10);

    public PublishConfig {
        if (url == null || keys == null) {
            throw new IllegalArgumentException("a Redis URL and a key prefix are needed");
        }
        if (maxLen < 0) {
            throw new IllegalArgumentException("--redis-maxlen must not be negative: " + maxLen);
        }
        if (ttl != null && ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("--redis-ttl must be at least 1s (or forever): " + ttl);
        }
        if (flushWait.isNegative()) {
            throw new IllegalArgumentException("the flush wait must not be negative: " + flushWait);
        }
    }

    /** The defaults for {@code url}: the default prefix, every entry kept, keys kept 7 days after the run. */
    public static PublishConfig of(RedisUrl url) {
        return new PublishConfig(url, new RedisKeys(RedisKeys.DEFAULT_PREFIX), 0, DEFAULT_TTL, DEFAULT_FLUSH_WAIT);
    }
}
