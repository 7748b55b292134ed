package org.ssewatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.redis.RedisRun;
import org.ssewatch.redis.RedisUrl;
import org.ssewatch.redis.RunId;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.StreamOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * The runs a relay follows: each one followed by one {@link RedisRun} and served by one
 * {@link StreamHandler}, made on the first request for it, so that a relay in front of a thousand
 * runs follows only those being watched. A run nobody has used for {@code evictAfter} (no open
 * stream or poll, no request) is let go, its reader and ring freed; its next request follows it
 * again from Redis, from the start, so it is served with the same bytes. At most {@code max} runs
 * are followed at once: one more lets go of the run idle longest, or is refused if all are watched.
 */
final class RelayRuns implements AutoCloseable {
    /** The newest events each followed run keeps in this relay's memory for its viewers. */
    static final int RING_EVENTS = 16_384;
    static final long RING_BYTES = 16L << 20;
    private static final long JUST_USED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** Every run followed now is being watched: one more would pass --max-followed. */
    static final class Full extends Exception {
        Full(int max) {
            super("this relay follows " + max + " runs (--max-followed), all being watched; try again shortly");
        }
    }

    private static final class Followed {
        final StreamHandler handler;
        final RedisRun run;
        long usedAt;

        Followed(StreamHandler handler, RedisRun run, long usedAt) {
            this.handler = handler;
            this.run = run;
            this.usedAt = usedAt;
        }

        boolean watched() {
            return handler.viewerCount() > 0;
        }
    }

    private final RedisUrl url;
    private final RedisKeys keys;
    private final UnifiedJedis redis;
    private final StreamOptions options;
    private final Consumer<String> notices;
    private final long evictAfterNanos;
    private final int max;
    private final Map<String, Followed> followed = new HashMap<>();
    private final UnknownRuns unknown = new UnknownRuns();

    RelayRuns(RedisUrl url, RedisKeys keys, UnifiedJedis redis, StreamOptions options, Duration evictAfter, int max,
            Consumer<String> notices) {
        this.url = url;
        this.keys = keys;
        this.redis = redis;
        this.options = options;
        this.evictAfterNanos = evictAfter.toNanos();
        this.max = max;
        this.notices = notices;
    }

    /**
     * The handler of run {@code id}, or null if Redis does not list it: an id of no valid form is not
     * asked for, and one Redis did not have is not asked for again for a second ({@link UnknownRuns}).
     */
    StreamHandler handler(String id) throws Full {
        synchronized (this) {
            Followed f = followed.get(id);
            if (f != null) {
                f.usedAt = System.nanoTime();
                return f.handler;
            }
        }
        try {
            RunId.checked(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Asked of Redis, not of the list of runs, which may be --list-every old: a run is served the moment it is registered.
        if (unknown.missing(id, System.nanoTime())) {
            return null;
        }
        if (redis.zscore(keys.runs(), id) == null) {
            unknown.remember(id, System.nanoTime());
            return null;
        }
        List<Followed> freed = new ArrayList<>();
        try {
            synchronized (this) {
                Followed f = followed.get(id);
                if (f == null) {
                    if (followed.size() >= max) {
                        freed.add(idlest(id));
                    }
                    RedisRun run = new RedisRun(url, keys, id, redis, RING_EVENTS, RING_BYTES, notices);
                    f = new Followed(new StreamHandler(run, options), run, System.nanoTime());
                    followed.put(id, f);
                }
                f.usedAt = System.nanoTime();
                return f.handler;
            }
        } finally {
            freed.forEach(RelayRuns::stop);
        }
    }

    /** Takes out the run idle longest, to make room for {@code wanted}. */
    private Followed idlest(String wanted) throws Full {
        Map.Entry<String, Followed> oldest = null;
        long now = System.nanoTime();
        for (Map.Entry<String, Followed> e : followed.entrySet()) {
            Followed f = e.getValue();
            // One handed out just now may not have its viewer yet: its request is still on the way in.
            boolean idle = !f.watched() && now - f.usedAt >= JUST_USED_NANOS;
            if (idle && (oldest == null || f.usedAt - oldest.getValue().usedAt < 0)) {
                oldest = e;
            }
        }
        if (oldest == null) {
            throw new Full(max);
        }
        followed.remove(oldest.getKey());
        notices.accept("no longer following run " + oldest.getKey() + " (--max-followed " + max + ", run " + wanted
                + " asked for)");
        return oldest.getValue();
    }

    /** Lets go of the runs nobody used for the eviction time; a run being watched counts as used now. */
    void evictIdle() {
        List<Followed> freed = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            followed.entrySet().removeIf(e -> {
                Followed f = e.getValue();
                if (f.watched()) {
                    f.usedAt = now;
                    return false;
                }
                if (now - f.usedAt < evictAfterNanos) {
                    return false;
                }
                freed.add(f);
                notices.accept("no longer following run " + e.getKey() + " (no viewer for --evict-after)");
                return true;
            });
        }
        freed.forEach(RelayRuns::stop);
    }

    /** How many runs are followed now. */
    synchronized int size() {
        return followed.size();
    }

    private static void stop(Followed f) {
        f.handler.close();
        try {
            f.run.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<Followed> all;
        synchronized (this) {
            all = new ArrayList<>(followed.values());
            followed.clear();
        }
        all.forEach(RelayRuns::stop);
    }
}
