package org.ssewatch.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssewatch.share.Launch;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.Tuple;

/**
 * The runs listed in Redis, as one relay knows them: one snapshot, read again at most once per
 * {@code every}, however many requests and viewers ask for it. A read is two round trips: the
 * newest {@code max} ids ({@code ZREVRANGE ... WITHSCORES}), then one pipeline of {@code HGETALL}s,
 * of the runs that are new or still running only: a finished run's hash does not change, so it is
 * read again only every {@link #RECHECK} (to drop a run whose keys expired). So a relay costs
 * Redis {@code 2 + runs running} commands per {@code every} at most, and nothing while nobody asks.
 *
 * <p>When Redis cannot be reached the last snapshot stands (an empty one before the first read),
 * {@link #problem} says why, and the next ask after {@code every} tries again.
 */
public final class PublishedRuns {
    static final Duration RECHECK = Duration.ofMinutes(1);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final long everyNanos;
    private final int max;
    private List<RunListing> runs = List.of();
    private final Map<String, RunListing> finished = new HashMap<>();
    private long readAt;
    private long recheckedAt;
    private boolean read;
    private volatile String problem;

    public PublishedRuns(UnifiedJedis redis, RedisKeys keys, Duration every, int max) {
        this.redis = redis;
        this.keys = keys;
        this.everyNanos = every.toNanos();
        this.max = max;
    }

    /** The runs, newest first, as of at most {@code every} ago. */
    public synchronized List<RunListing> current() {
        long now = System.nanoTime();
        if (read && now - readAt < everyNanos) {
            return runs;
        }
        readAt = now;
        read = true;
        try {
            runs = read(now);
            problem = null;
        } catch (JedisException e) {
            problem = "Redis cannot be reached (" + e.getMessage() + ")";
        }
        return runs;
    }

    /** Why the list could not be read at the last try, or null. */
    public String problem() {
        return problem;
    }

    private List<RunListing> read(long now) {
        List<Tuple> ids = redis.zrevrangeWithScores(keys.runs(), 0, max - 1);
        if (now - recheckedAt >= RECHECK.toNanos()) {
            finished.clear();
            recheckedAt = now;
        }
        Map<String, Response<Map<String, String>>> hashes = new HashMap<>();
        try (AbstractPipeline p = redis.pipelined()) {
            for (Tuple t : ids) {
                if (!finished.containsKey(t.getElement())) {
                    hashes.put(t.getElement(), p.hgetAll(keys.run(t.getElement())));
                }
            }
            p.sync();
        }
        List<RunListing> list = new ArrayList<>(ids.size());
        Map<String, RunListing> kept = new HashMap<>();
        for (Tuple t : ids) {
            String id = t.getElement();
            RunListing r = finished.get(id);
            if (r == null) {
                Map<String, String> hash = hashes.get(id).get();
                if (hash.isEmpty()) {
                    continue; // its keys expired (docs/redis.md, "Retention"): the run is gone
                }
                r = listing(id, (long) t.getScore(), hash);
            }
            if (r.state() != RunState.RUNNING) {
                kept.put(id, r);
            }
            list.add(r);
        }
        finished.clear();
        finished.putAll(kept);
        return List.copyOf(list);
    }

    private static RunListing listing(String id, long score, Map<String, String> hash) {
        try {
            return PublishedRun.listing(id, score, hash);
        } catch (RuntimeException malformed) {
            // Not as ssewatch writes it (an embedder's start or exit): listed all the same, without its facts.
            return new RunListing(id, new Launch("?", Map.of(), null, null), RunState.RUNNING, score, 0, null);
        }
    }
}
