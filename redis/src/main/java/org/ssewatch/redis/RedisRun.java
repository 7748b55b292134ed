package org.ssewatch.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ssewatch.share.Event;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.LineIndex;
import org.ssewatch.share.MarkIndex;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.Run;
import org.ssewatch.share.StartInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.UnifiedJedis;

/**
 * A run published to Redis, as one relay serves it: ONE follower thread reads the run's stream
 * with {@code XREAD BLOCK} from the start (so the indexes and counts cover the whole run) and
 * appends into the {@link RedisJournal}'s ring, from which all of this relay's viewers read; so
 * Redis sees one reader per run per relay, however many viewers there are. If Redis goes away,
 * viewers stay connected to what they have, {@link #sourceProblem} says why, the notices are told
 * once, and the follower reconnects with backoff and goes on from its last id. It stops once the
 * exit event is in.
 */
public final class RedisRun implements Run, AutoCloseable {
    /** How long one XREAD waits; the socket waits longer, so that only a Redis that stopped answering times out. */
    static final int BLOCK_MS = 2_000;
    static final int SOCKET_MS = 5_000;
    static final int READ_COUNT = 1_000;

    private final RedisUrl url;
    private final String runId;
    private final byte[] eventsKey;
    private final RedisJournal journal;
    private final RunFacts facts = new RunFacts();
    private final Consumer<String> notices;
    private final Thread follower;
    private volatile Jedis reading;
    private volatile boolean closed;
    private volatile String problem;

    /**
     * Starts following {@code runId}.
     *
     * @param shared    the relay's pool, for the journal's on-demand reads of older events
     * @param ringSize  the newest events kept here for viewers, at most (and {@code ringBytes} of payload)
     */
    public RedisRun(RedisUrl url, RedisKeys keys, String runId, UnifiedJedis shared, int ringSize, long ringBytes,
            Consumer<String> notices) {
        this.url = url;
        this.runId = RunId.checked(runId);
        this.eventsKey = RedisKeys.bytes(keys.events(runId));
        this.journal = new RedisJournal(new EventRing(ringSize, ringBytes), shared, keys.events(runId));
        this.notices = notices;
        this.follower = new Thread(this::follow, "ssewatch-relay-" + runId);
        follower.setDaemon(true);
        follower.start();
    }

    public String runId() {
        return runId;
    }

    /** Why this relay cannot read the run from Redis now (viewers wait for it to come back), or null. */
    @Override
    public String sourceProblem() {
        return problem;
    }

    private void follow() {
        Backoff backoff = new Backoff();
        while (!closed && !journal.isComplete()) {
            try (Jedis j = RedisClients.connect(url, "ssewatch-relay", RunStream.CONNECT_TIMEOUT_MS, SOCKET_MS)) {
                reading = j;
                while (!closed && !journal.isComplete()) {
                    List<Event> events = StreamGaps.events(journal.lastId(), xread(j, journal.lastId()));
                    if (problem != null) {
                        problem = null;
                        backoff.reset();
                        notices.accept("reading run " + runId + " from " + url + " again");
                    }
                    for (Event e : events) {
                        note(e);
                    }
                    journal.append(events);
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (problem == null) {
                    problem = "Redis at " + url + " cannot be reached (" + e.getMessage() + "); retrying";
                    notices.accept("relay: " + problem + "; viewers of run " + runId + " stay connected");
                }
                sleep(backoff.next());
            } finally {
                reading = null;
            }
        }
    }

    /** The entries after {@code after}, waiting up to {@link #BLOCK_MS} for some; empty if none came. */
    @SuppressWarnings("unchecked")
    private List<Object> xread(Jedis j, long after) {
        // Not sendBlockingCommand: that lifts the socket timeout, and a Redis that stopped answering would hang us.
        Object reply = j.sendCommand(Command.XREAD, ascii("COUNT"), ascii(Integer.toString(READ_COUNT)),
                ascii("BLOCK"), ascii(Integer.toString(BLOCK_MS)), ascii("STREAMS"), eventsKey, ascii("0-" + after));
        if (reply == null) {
            return List.of();
        }
        List<Object> streams = (List<Object>) reply; // one stream: [key, entries]
        return (List<Object>) ((List<Object>) streams.get(0)).get(1);
    }

    private void note(Event e) {
        try {
            facts.note(e);
        } catch (RuntimeException malformed) {
            // A start or exit payload not as ssewatch writes it (an embedder's): served as it is, without its facts.
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ReadableJournal journal() {
        return journal;
    }

    @Override
    public StartInfo startInfo() {
        return facts.start;
    }

    @Override
    public long startedAt() {
        return facts.startedAt;
    }

    @Override
    public long endedAt() {
        return facts.endedAt;
    }

    @Override
    public ExitStatus exitStatus() {
        return facts.exit;
    }

    @Override
    public long lineCount(String type) {
        return facts.lineCount(type);
    }

    @Override
    public LineIndex lineIndex() {
        return facts.lineIndex;
    }

    @Override
    public MarkIndex marks() {
        return facts.marks;
    }

    /** Stops following: the blocked read is cut by closing its connection. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        Jedis j = reading;
        if (j != null) {
            try {
                j.close();
            } catch (RuntimeException e) {
                // Already broken: the follower is leaving anyway.
            }
        }
        follower.interrupt();
        follower.join(10_000);
    }
}
