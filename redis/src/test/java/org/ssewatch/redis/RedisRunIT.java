package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Event;
import org.ssewatch.share.ExitReason;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.ReadableJournal;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/** A published run read back through RedisRun, as relays serve it, from a real redis-server. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisRunIT {
    private static final String RUN = "20261202-024700-relay1";
    private static final RedisKeys KEYS = new RedisKeys("ssewatch:");

    @TempDir
    Path dir;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private RedisServer redis;
    private Journal local;
    private RedisPublisher publisher;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void twoRelaysGiveEveryEventWithThePublishersIdTypeAndBytesLiveAndLate() throws Exception {
        publishing();
        RedisRun live = relay(100_000);
        lines(3000);
        end();
        RedisRun late = relay(64); // joins after the end and keeps only 64 events: the rest by XRANGE
        assertSame(everything(), readAll(live.journal(), 0));
        assertSame(everything(), readAll(late.journal(), 0));
        assertEquals(3000, live.lineCount("stdout"));
        assertEquals(3000, late.lineCount("stdout"));
        assertEquals(ExitReason.EXITED, late.exitStatus().kind());
        assertEquals(List.of("make", "all"), live.startInfo().command());
        assertEquals(3000, late.lineIndex().lines());
        assertEquals(2, late.marks().size(), "start and exit");
    }

    @Test
    void aViewerMovingToAnotherRelayMidRunGoesOnWithTheNextIdNoLossNoDuplicate() throws Exception {
        publishing();
        RedisRun a = relay(100_000);
        RedisRun b = relay(100_000);
        lines(1000);
        List<Event> seen = readUpTo(a.journal(), 0, 700);
        lines(1000);
        end();
        seen.addAll(readAll(b.journal(), seen.get(seen.size() - 1).id()));
        assertSame(everything(), seen);
    }

    @Test
    void redisStoppedMidRunThenBackTheRelayGivesEverythingAndSaysSoOnce() throws Exception {
        publishing();
        RedisRun run = relay(100_000);
        lines(500);
        readUpTo(run.journal(), 0, 501);
        redis.pause();
        lines(500);
        while (run.sourceProblem() == null) {
            Thread.sleep(20); // the socket timeout: bounded by the class's timeout
        }
        assertTrue(run.sourceProblem().contains("cannot be reached"), run.sourceProblem());
        String status = new String(org.ssewatch.share.Payloads.status(run, 0), StandardCharsets.UTF_8);
        assertTrue(status.contains("\"source\":\"Redis at " + redis.url() + " cannot be reached"), status);
        redis.resume();
        lines(500);
        end();
        assertSame(everything(), readAll(run.journal(), 0));
        assertNull(run.sourceProblem());
        assertTrue(!new String(org.ssewatch.share.Payloads.status(run, 0), StandardCharsets.UTF_8).contains("\"source\""),
                "back: the status says nothing of it");
        assertOnce("cannot be reached");
        assertOnce("again");
    }

    @Test
    void redisKilledAndRestartedEmptyMidRunTheRelayGivesEverythingOnce() throws Exception {
        publishing();
        RedisRun run = relay(100_000);
        lines(500);
        readUpTo(run.journal(), 0, 501);
        redis.kill();
        lines(500);
        while (run.sourceProblem() == null) {
            Thread.sleep(20);
        }
        redis.start(); // empty: the publisher puts the run back from its journal, the relay goes on after its last id
        lines(500);
        end();
        assertSame(everything(), readAll(run.journal(), 0));
        assertOnce("cannot be reached");
    }

    @Test
    void fiftyViewersCostRedisTheSameCommandsAsOne() throws Exception {
        publishing();
        lines(5000);
        end();
        long one = commandsToRead(1);
        long fifty = commandsToRead(50);
        assertEquals(one, fifty, "XREAD and XRANGE calls with 1 viewer and with 50");
        assertTrue(one > 0);
    }

    /** A relay's reads of the whole run with {@code viewers} readers at once: the XREAD and XRANGE calls Redis counted. */
    private long commandsToRead(int viewers) throws Exception {
        try (Jedis j = redis.client()) {
            j.configResetStat();
        }
        RedisRun run = relay(100_000);
        List<Thread> threads = new ArrayList<>();
        List<List<Event>> got = new CopyOnWriteArrayList<>();
        for (int i = 0; i < viewers; i++) {
            Thread t = new Thread(() -> got.add(readAll(run.journal(), 0)));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (List<Event> g : got) {
            assertSame(everything(), g);
        }
        run.close();
        try (Jedis j = redis.client()) {
            return calls(j.info("commandstats"), "xread") + calls(j.info("commandstats"), "xrange");
        }
    }

    private static long calls(String info, String command) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    private void publishing() throws Exception {
        redis = RedisServer.started(dir);
        toClose.add(redis);
        local = new Journal(JournalConfig.inMemory(100_000));
        toClose.add(local);
        PublishConfig config = new PublishConfig(RedisUrl.parse(redis.url()), KEYS, 0, Duration.ofHours(1),
                Duration.ofSeconds(60));
        publisher = new RedisPublisher(local, config, RUN, n -> { });
        toClose.add(publisher);
        publisher.start();
        local.append("start", json("{\"time\":1764643620000,\"command\":[\"make\",\"all\"],\"cwd\":\"/src\","
                + "\"host\":\"ci1\",\"pid\":42,\"title\":null,\"mode\":\"pipe\",\"pty\":false}"));
    }

    private RedisRun relay(int ringSize) {
        JedisPooled pool = new JedisPooled(new redis.clients.jedis.HostAndPort("127.0.0.1", redis.port()));
        toClose.add(pool);
        RedisRun run = new RedisRun(RedisUrl.parse(redis.url()), KEYS, RUN, pool, ringSize, 64L << 20, notices::add);
        toClose.add(run);
        return run;
    }

    private void lines(int n) {
        for (int i = 0; i < n; i++) {
            local.append("stdout", json("{\"line\":" + local.lastId() + ",\"time\":1764643620001,\"text\":\"caf\u00e9 "
                    + i + "\"}"));
        }
    }

    private void end() throws InterruptedException {
        local.appendLast("exit", json("{\"time\":1764643630000,\"code\":0,\"signal\":null,\"status\":0,"
                + "\"duration\":10000,\"reason\":\"exited\",\"message\":null}"));
        assertTrue(publisher.finish(), "published");
    }

    private List<Event> everything() {
        List<Event> all = new ArrayList<>();
        local.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, all::add);
        return all;
    }

    /** Reads as a viewer does, in small pieces, until the run is complete and read. */
    private static List<Event> readAll(ReadableJournal journal, long after) {
        return readUpTo(journal, after, Long.MAX_VALUE);
    }

    private static List<Event> readUpTo(ReadableJournal journal, long after, long upTo) {
        List<Event> got = new ArrayList<>();
        long cursor = after;
        while (cursor < upTo && !(journal.isComplete() && cursor >= journal.lastId())) {
            long next = journal.read(cursor, 100, 64 * 1024, got::add);
            if (next == cursor) {
                try {
                    Thread.sleep(2); // nothing new yet: bounded by the class's timeout
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            cursor = next;
        }
        return got;
    }

    private static void assertSame(List<Event> want, List<Event> got) {
        assertEquals(want.size(), got.size(), "as many events");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).id(), got.get(i).id());
            assertEquals(want.get(i).type(), got.get(i).type());
            assertArrayEquals(want.get(i).payload(), got.get(i).payload(), "payload bytes of " + want.get(i).id());
        }
    }

    private void assertOnce(String part) {
        assertEquals(1, notices.stream().filter(n -> n.contains(part)).count(), part + " in " + notices);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
