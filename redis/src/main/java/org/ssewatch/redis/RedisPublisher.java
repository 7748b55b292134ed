package org.ssewatch.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ssewatch.share.Event;
import org.ssewatch.share.Journal;

/**
 * Publishes a run's journal to Redis as it grows: one more reader of the journal, on a thread of
 * its own, that remembers only the last id Redis took. The command and the local viewers never
 * wait for it; when Redis is slow or away it falls behind, says so once, retries with capped
 * exponential backoff and catches up from the journal, whose gaps it publishes as they are.
 *
 * <p>Every id lands exactly once and in order: each XADD names its id, Redis refuses an id it
 * already has, and after any fault the publisher asks the stream for its newest id before it
 * writes again (a write whose reply was lost, or a Redis that restarted empty).
 */
public final class RedisPublisher implements AutoCloseable {
    private static final int BATCH_EVENTS = 1000;
    private static final long BATCH_BYTES = 1 << 20;
    private static final long MAX_TTL_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * Once caught up after a write, let more events gather before sleeping until the next append: under a flood
     * batches grow instead of the writer being woken (a system call on the command's path) and
     * Redis being sent a round trip for every few events; a viewer through a relay sees it as 5 ms more delay.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Journal journal;
    private final PublishConfig config;
    private final String runId;
    private final Map<String, String> fields;
    private final Supplier<Map<String, String>> endFields;
    private final long startedAt = System.currentTimeMillis();
    private final Consumer<String> notices;
    private final Thread thread;
    private final Runnable wake = this::wake;
    private final long ttlRefreshNanos;
    private volatile boolean waiting;
    private volatile boolean stopped;
    private volatile long published;
    private volatile String lastProblem;

    /**
     * @param notices told, in a sentence for the user, when publishing falls behind and when it
     *                has caught up (once each time), on the publisher's thread
     */
    public RedisPublisher(Journal journal, PublishConfig config, String runId, Consumer<String> notices) {
        this(journal, config, runId, Map.of(), Map::of, notices);
    }

    /**
     * @param fields    more of the run's metadata for its hash, such as a hub run's {@link LaunchFields}
     * @param endFields asked for when the exit event is published, for more fields to write with it in
     *                  the same command: what is known only at the end, such as why a hub stopped the run
     *                  ({@link LaunchFields#of(org.ssewatch.share.Stop)})
     */
    public RedisPublisher(Journal journal, PublishConfig config, String runId, Map<String, String> fields,
            Supplier<Map<String, String>> endFields, Consumer<String> notices) {
        this.journal = journal;
        this.fields = Map.copyOf(fields);
        this.endFields = endFields;
        this.config = config;
        this.runId = RunId.checked(runId);
        this.notices = notices;
        this.ttlRefreshNanos = config.ttl() == null ? Long.MAX_VALUE
                : Math.min(MAX_TTL_REFRESH_NANOS, config.ttl().toNanos() / 2);
        this.thread = new Thread(this::publish, "ssewatch-publish");
        thread.setDaemon(true); // never what keeps ssewatch from exiting: finish() bounds the wait
    }

    public String runId() {
        return runId;
    }

    /** The newest id Redis is known to hold. */
    public long published() {
        return published;
    }

    public void start() {
        journal.addListener(wake);
        thread.start();
    }

    /** On the appending thread, after every append: a volatile read, and an unpark only when the publisher sleeps. */
    private void wake() {
        if (waiting) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Once the journal is complete: waits up to the configured flush wait for Redis to take the
     * rest, and says once what it did not take.
     *
     * @return whether every event was published
     */
    public boolean finish() throws InterruptedException {
        thread.join(Math.max(1, config.flushWait().toMillis()));
        long last = journal.lastId();
        long done = published;
        if (done >= last) {
            return true;
        }
        stopped = true;
        LockSupport.unpark(thread);
        String problem = lastProblem;
        notices.accept((done + 1 == last ? "event " + last : "events " + (done + 1) + "-" + last)
                + " could not be published to " + config.url() + " within " + seconds(config.flushWait())
                + (problem == null ? "" : " (" + problem + ")"));
        return false;
    }

    private void publish() {
        Backoff backoff = new Backoff();
        RunStream stream = null;
        boolean behind = false;
        boolean wrote = false;
        long refreshDue = System.nanoTime() + ttlRefreshNanos;
        while (!stopped) {
            try {
                if (stream == null) {
                    stream = new RunStream(config, runId);
                    published = stream.register(runId, startedAt, fields);
                }
                long after = published;
                if (after >= journal.lastId()) {
                    if (behind) {
                        behind = false;
                        notices.accept("publishing to " + config.url() + " has caught up (event " + after + ")");
                    }
                    if (journal.isComplete()) {
                        break;
                    }
                    if (wrote) {
                        wrote = false;
                        sleep(GATHER_NANOS, -1);
                        continue;
                    }
                    sleep(Math.max(1, Math.min(refreshDue - System.nanoTime(), TimeUnit.SECONDS.toNanos(5))), after);
                    if (System.nanoTime() - refreshDue < 0) {
                        continue;
                    }
                }
                List<Event> batch = new ArrayList<>();
                journal.read(after, BATCH_EVENTS, BATCH_BYTES, batch::add);
                boolean refresh = System.nanoTime() - refreshDue >= 0;
                if (batch.isEmpty() && !refresh) {
                    continue;
                }
                RunStream.Written w = stream.write(batch, refresh, endFields);
                if (refresh) {
                    refreshDue = System.nanoTime() + ttlRefreshNanos;
                }
                published = Math.max(after, w.held());
                if (w.error() != null) {
                    throw new IllegalStateException("Redis refused event " + (w.held() + 1) + ": " + w.error());
                }
                backoff.reset();
                wrote = !batch.isEmpty();
            } catch (RuntimeException e) { // JedisException, or a refusal above: drop the link, retry
                lastProblem = oneLine(e);
                if (!behind) {
                    behind = true;
                    notices.accept("publishing to " + config.url() + " is behind (" + lastProblem
                            + "); retrying, the command and local viewers go on");
                }
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                sleep(backoff.next(), -1);
            }
        }
        if (stream != null) {
            stream.close();
        }
        journal.removeListener(wake);
    }

    /** Sleeps up to {@code nanos}, or until an append after {@code after} (-1: a plain sleep, woken only by stopping). */
    private void sleep(long nanos, long after) {
        if (after >= 0) {
            waiting = true;
            if (journal.lastId() > after || journal.isComplete()) { // appended before the flag was seen
                waiting = false;
                return;
            }
        }
        LockSupport.parkNanos(this, nanos);
        waiting = false;
    }

    private static String oneLine(RuntimeException e) {
        Throwable t = e;
        String m = t.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        String text = m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
    }
}
