package org.ssewatch.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One connection to Redis and what the publisher writes through it for one run: the run's
 * registration, and batches of events as pipelined {@code XADD}s with their explicit ids. Not
 * thread-safe: the publisher's thread alone uses it, and drops it at the first error.
 */
final class RunStream implements AutoCloseable {
    /** A connect or a reply slower than this counts as Redis being unreachable: the publisher retries. */
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int SOCKET_TIMEOUT_MS = 5_000;

    private final Jedis jedis;
    private final PublishConfig config;
    private final byte[] runKey;
    private final byte[] eventsKey;
    private final byte[] maxLen;

    RunStream(PublishConfig config, String runId) {
        this.config = config;
        this.runKey = RedisKeys.bytes(config.keys().run(runId));
        this.eventsKey = RedisKeys.bytes(config.keys().events(runId));
        this.maxLen = config.maxLen() == 0 ? null : ascii(Long.toString(config.maxLen()));
        this.jedis = RedisClients.connect(config.url(), "ssewatch-publish", CONNECT_TIMEOUT_MS, SOCKET_TIMEOUT_MS);
    }

    /**
     * Connects, (re)registers the run with {@code fields} beside its id and start, and returns the id of the newest event the stream already
     * has (0 for none): after a timeout whose write landed, or a Redis that restarted empty, the
     * publisher goes on from there, so every id lands once.
     */
    long register(String runId, long startedAt, Map<String, String> fields) {
        Pipeline p = jedis.pipelined();
        List<byte[]> hset = new ArrayList<>(List.of(runKey, ascii("id"), ascii(runId), ascii("started"),
                ascii(Long.toString(startedAt))));
        fields.forEach((name, value) -> {
            hset.add(name.getBytes(StandardCharsets.UTF_8));
            hset.add(value.getBytes(StandardCharsets.UTF_8));
        });
        p.sendCommand(Command.HSET, hset.toArray(byte[][]::new));
        p.sendCommand(Command.ZADD, RedisKeys.bytes(config.keys().runs()), ascii("NX"),
                ascii(Long.toString(startedAt)), ascii(runId));
        p.sync();
        try {
            return jedis.xinfoStream(new String(eventsKey, StandardCharsets.UTF_8)).getLastGeneratedId().getSequence();
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such key")) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Writes {@code batch} (consecutive ids, the oldest first; may be empty) in one round trip, with the run's
     * metadata where an event changes it (start, exit) and {@code refreshTtl} to push the keys'
     * expiry on while the run goes on; {@code endFields} are asked for at the exit event, and written with it.
     *
     * @return the ids the stream now holds of the batch, in order, or the first error's message
     *         after them (an entry the stream already had counts as held: the reply to an earlier
     *         try was lost, not the write)
     */
    Written write(List<Event> batch, boolean refreshTtl, Supplier<Map<String, String>> endFields) {
        Pipeline p = jedis.pipelined();
        List<Response<Object>> replies = new ArrayList<>(batch.size());
        for (Event e : batch) {
            replies.add(p.sendCommand(Command.XADD, xadd(e)));
            if (e.type().equals(EventTypes.START)) {
                p.sendCommand(Command.HSET, runKey, ascii("start"), e.payload(), ascii("state"), ascii("running"));
            } else if (e.type().equals(EventTypes.EXIT)) {
                // One HSET, so a reader never sees the exit without what the end fields say of it.
                List<byte[]> hset = new ArrayList<>(List.of(runKey, ascii("exit"), e.payload(), ascii("state"),
                        ascii("exited"), ascii("lastId"), ascii(Long.toString(e.id()))));
                endFields.get().forEach((name, value) -> {
                    hset.add(name.getBytes(StandardCharsets.UTF_8));
                    hset.add(value.getBytes(StandardCharsets.UTF_8));
                });
                p.sendCommand(Command.HSET, hset.toArray(byte[][]::new));
            }
        }
        boolean ends = !batch.isEmpty() && batch.get(batch.size() - 1).type().equals(EventTypes.EXIT);
        if (config.ttl() != null && (refreshTtl || ends)) {
            byte[] seconds = ascii(Long.toString(config.ttl().toSeconds()));
            p.sendCommand(Command.EXPIRE, runKey, seconds);
            p.sendCommand(Command.EXPIRE, eventsKey, seconds);
        }
        p.sync(); // a lost connection throws here: nothing is known of this batch, register() finds out
        long held = 0;
        for (int i = 0; i < replies.size(); i++) {
            try {
                replies.get(i).get();
            } catch (JedisDataException e) {
                if (!alreadyThere(e)) {
                    return new Written(held, e.getMessage());
                }
            }
            held = batch.get(i).id();
        }
        return new Written(held, null);
    }

    /** @param held the newest id of the batch the stream holds, 0 if none; @param error the first refusal, or null */
    record Written(long held, String error) {
    }

    /** Redis refuses an id not above the stream's newest: that entry is there already. */
    private static boolean alreadyThere(JedisDataException e) {
        return e.getMessage() != null && e.getMessage().contains("equal or smaller");
    }

    private byte[][] xadd(Event e) {
        byte[] id = ascii("0-" + e.id());
        byte[] type = ascii(e.type());
        byte[] t = ascii(RedisKeys.TYPE_FIELD);
        byte[] d = ascii(RedisKeys.DATA_FIELD);
        if (maxLen == null) {
            return new byte[][] {eventsKey, id, t, type, d, e.payload()};
        }
        return new byte[][] {eventsKey, ascii("MAXLEN"), ascii("~"), maxLen, id, t, type, d, e.payload()};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            jedis.close();
        } catch (RuntimeException e) {
            // A connection that broke cannot be closed cleanly; it is dropped all the same.
        }
    }
}
