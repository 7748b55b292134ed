package org.ssewatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.redis.RedisRun;
import org.ssewatch.redis.RedisUrl;
import org.ssewatch.redis.RunId;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.StreamOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * The runs a relay serves: listed from Redis ({@code PREFIX runs}, each run's hash), and each one
 * followed by one {@link RedisRun} and served by one {@link StreamHandler}, made on the first
 * request for it, so that a relay in front of a thousand runs follows only those being watched.
 */
final class RelayRuns implements AutoCloseable {
    /** The newest events each followed run keeps in this relay's memory for its viewers. */
    static final int RING_EVENTS = 16_384;
    static final long RING_BYTES = 16L << 20;
    static final int LIST_MAX = 500;

    private final RedisUrl url;
    private final RedisKeys keys;
    private final UnifiedJedis redis;
    private final StreamOptions options;
    private final Consumer<String> notices;
    private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();

    RelayRuns(RedisUrl url, RedisKeys keys, UnifiedJedis redis, StreamOptions options, Consumer<String> notices) {
        this.url = url;
        this.keys = keys;
        this.redis = redis;
        this.options = options;
        this.notices = notices;
    }

    /** The handler of run {@code id}, or null if Redis does not list it. */
    StreamHandler handler(String id) {
        StreamHandler h = handlers.get(id);
        if (h != null) {
            return h;
        }
        try {
            RunId.checked(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (redis.zscore(keys.runs(), id) == null) {
            return null;
        }
        synchronized (this) {
            return handlers.computeIfAbsent(id, i -> new StreamHandler(
                    new RedisRun(url, keys, i, redis, RING_EVENTS, RING_BYTES, notices), options));
        }
    }

    /** {@code api/runs}: the newest runs first, each with its state and where its page is. */
    String listJson() {
        List<String> ids = redis.zrevrange(keys.runs(), 0, LIST_MAX - 1);
        JsonArray runs = new JsonArray();
        for (String id : ids) {
            Map<String, String> meta = redis.hgetAll(keys.run(id));
            JsonObject o = new JsonObject();
            o.addProperty("id", id);
            o.addProperty("started", meta.containsKey("started") ? Long.parseLong(meta.get("started")) : null);
            o.addProperty("state", meta.getOrDefault("state", meta.isEmpty() ? "expired" : "starting"));
            o.addProperty("url", "runs/" + id + "/");
            runs.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("runs", runs);
        return root.toString();
    }

    @Override
    public synchronized void close() {
        handlers.values().forEach(h -> {
            h.close();
            try {
                ((RedisRun) h.run()).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handlers.clear();
    }
}
