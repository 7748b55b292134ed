package org.ssewatch.redis;

import java.nio.charset.StandardCharsets;

/**
 * The keys a run is published under, all behind one prefix (docs/redis.md has the layout):
 * <ul>
 * <li>{@code PREFIX runs}: a sorted set of run ids, scored by when the run started (ms);</li>
 * <li>{@code PREFIX run:ID}: a hash of the run's metadata;</li>
 * <li>{@code PREFIX run:ID:events}: the Stream of its events, entry id {@code 0-<event id>}, fields
 *     {@code t} (the type) and {@code d} (the payload bytes, as every transport sends them).</li>
 * </ul>
 * The publisher and the relay both build keys here, so they cannot disagree.
 */
public record RedisKeys(String prefix) {
    public static final String DEFAULT_PREFIX = "ssewatch:";
    /** The field of a stream entry that holds the event's type. */
    public static final String TYPE_FIELD = "t";
    /** The field of a stream entry that holds the event's payload. */
    public static final String DATA_FIELD = "d";

    public RedisKeys {
        if (prefix == null || prefix.indexOf(' ') >= 0 || prefix.length() > 200) {
            throw new IllegalArgumentException("a Redis key prefix is up to 200 characters without spaces: " + prefix);
        }
    }

    public String runs() {
        return prefix + "runs";
    }

    public String run(String runId) {
        return prefix + "run:" + RunId.checked(runId);
    }

    public String events(String runId) {
        return run(runId) + ":events";
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
