package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Launch;
import org.ssewatch.share.Stop;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/** The relay's list of runs, read from runs the real publisher wrote to a real redis-server. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PublishedRunsIT {
    private static final RedisKeys KEYS = new RedisKeys("ssewatch:");
    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private RedisServer redis;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aHubRunIsListedWithItsJobParamsAndStarterAndAPlainRunUnderItsCommandEachWithItsState() throws Exception {
        redis = started();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("target", "prod");
        params.put("dry", "false");
        publish("20261202-010000-000-hub1", new Launch("deploy", params, "alice", "10.0.0.7"),
                "{\"command\":[\"./deploy\",\"prod\"],\"time\":1764637200000}",
                "{\"status\":3,\"code\":3,\"signal\":null,\"reason\":\"exited\",\"message\":null,\"time\":1764637260000}");
        publish("20261202-020000-plain1", null, "{\"command\":[\"make\",\"test\"],\"time\":1764640800000}", null);
        publish("20261202-030000-pipe01", null, "{\"command\":[],\"time\":1764644400000}", null);
        List<RunListing> runs = list(Duration.ofMinutes(10)).current();
        assertEquals(3, runs.size(), runs.toString());
        assertEquals("(standard input)", runs.get(0).launch().job(), "a pipe has no command line");
        RunListing plain = runs.get(1);
        assertEquals("20261202-020000-plain1", plain.id(), "newest first");
        assertEquals("make test", plain.launch().job(), "a plain run under its command line");
        assertEquals(RunState.RUNNING, plain.state());
        assertNull(plain.exit());
        RunListing hub = runs.get(2);
        assertEquals(new Launch("deploy", params, "alice", "10.0.0.7"), hub.launch());
        assertEquals(List.of("target", "dry"), List.copyOf(hub.launch().params().keySet()), "in the job's order");
        assertEquals(RunState.FAILED, hub.state());
        assertEquals(3, hub.exit().status());
        assertEquals(1_764_637_260_000L, hub.endedAt());
    }

    @Test
    void aHubRunEndedEarlyIsListedAsTheHubListsItCancelledTimedOutOrInterrupted() throws Exception {
        redis = started();
        String killed = "{\"status\":143,\"code\":null,\"signal\":\"SIGTERM\",\"reason\":\"signaled\",\"message\":null,"
                + "\"time\":1764637260000}";
        String start = "{\"command\":[\"./deploy\"],\"time\":1764637200000}";
        Launch deploy = new Launch("deploy", Map.of(), "alice", null);
        publish("20261202-010000-000-can1", deploy, new Stop(Stop.CANCELLED, "bob"), start, killed);
        publish("20261202-010000-000-tim1", deploy, new Stop(Stop.TIMEOUT, null), start, killed);
        publish("20261202-010000-000-sht1", deploy, new Stop(Stop.SHUTDOWN, null), start, killed);
        publish("20261202-010000-000-sig1", deploy, null, start, killed);
        Map<String, RunState> states = new LinkedHashMap<>();
        list(Duration.ofMinutes(10)).current().forEach(r -> states.put(r.id(), r.state()));
        assertEquals(RunState.CANCELLED, states.get("20261202-010000-000-can1"));
        assertEquals(RunState.TIMED_OUT, states.get("20261202-010000-000-tim1"));
        assertEquals(RunState.INTERRUPTED, states.get("20261202-010000-000-sht1"));
        assertEquals(RunState.FAILED, states.get("20261202-010000-000-sig1"), "killed by a signal the hub did not send");
        try (Jedis j = redis.client()) {
            assertEquals("{\"reason\":\"cancelled\",\"operator\":\"bob\"}", j.hget(KEYS.run("20261202-010000-000-can1"),
                    "stoppedBy"), "as run.json has it");
        }
    }

    @Test
    void aReadCostsTwoRoundTripsAndAFinishedRunsHashIsNotReadAgainNorAnExpiredRunListed() throws Exception {
        redis = started();
        publish("20261202-010000-done01", null, "{\"command\":[\"true\"],\"time\":1764637200000}",
                "{\"status\":0,\"code\":0,\"signal\":null,\"reason\":\"exited\",\"message\":null,\"time\":1764637201000}");
        publish("20261202-010000-live01", null, "{\"command\":[\"sleep\"],\"time\":1764637200000}", null);
        PublishedRuns runs = list(Duration.ZERO);
        long[] before = calls();
        assertEquals(2, runs.current().size());
        long[] first = calls();
        assertEquals(1, first[0] - before[0], "one ZREVRANGE");
        assertEquals(2, first[1] - before[1], "a HGETALL per run, in one pipeline");
        assertEquals(RunState.SUCCEEDED, runs.current().get(1).state());
        long[] second = calls();
        assertEquals(1, second[0] - first[0]);
        assertEquals(1, second[1] - first[1], "only the running run's hash again");
        try (Jedis j = redis.client()) {
            j.del(KEYS.run("20261202-010000-live01"), KEYS.events("20261202-010000-live01")); // as its TTL would
        }
        List<RunListing> now = runs.current();
        assertEquals(List.of("20261202-010000-done01"), now.stream().map(RunListing::id).toList(), "an expired run is not listed");
    }

    @Test
    void withinTheIntervalFiftyAsksCostRedisWhatOneDoes() throws Exception {
        redis = started();
        publish("20261202-010000-live02", null, "{\"command\":[\"sleep\"],\"time\":1764637200000}", null);
        PublishedRuns one = list(Duration.ofMinutes(10));
        long[] before = calls();
        one.current();
        long[] afterOne = calls();
        PublishedRuns fifty = list(Duration.ofMinutes(10));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Thread t = new Thread(() -> assertEquals(1, fifty.current().size()));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] afterFifty = calls();
        assertEquals(afterOne[0] - before[0], afterFifty[0] - afterOne[0], "ZREVRANGE: 50 asks as 1");
        assertEquals(afterOne[1] - before[1], afterFifty[1] - afterOne[1], "HGETALL: 50 asks as 1");
    }

    private PublishedRuns list(Duration every) {
        JedisPooled pool = RedisClients.pooled(RedisUrl.parse(redis.url()), "test-relay", 2_000, 5_000);
        toClose.add(pool);
        return new PublishedRuns(pool, KEYS, every, 500);
    }

    private RedisServer started() throws Exception {
        RedisServer r = RedisServer.started(dir);
        toClose.add(r);
        return r;
    }

    /** Publishes a run through the real publisher: its start, a line, and its exit unless {@code exit} is null. */
    private void publish(String id, Launch launch, String start, String exit) throws Exception {
        publish(id, launch, null, start, exit);
    }

    /** The same, for a run the hub ended early for {@code stop}, which the publisher is told of at the exit. */
    private void publish(String id, Launch launch, Stop stop, String start, String exit) throws Exception {
        Journal journal = new Journal(JournalConfig.inMemory(100));
        toClose.add(journal);
        PublishConfig config = new PublishConfig(RedisUrl.parse(redis.url()), KEYS, 0, Duration.ofHours(1),
                Duration.ofSeconds(60));
        RedisPublisher publisher = new RedisPublisher(journal, config, id, launch == null ? Map.of() : LaunchFields.of(launch),
                () -> LaunchFields.of(stop), m -> { });
        toClose.add(publisher);
        publisher.start();
        journal.append("start", start.getBytes(StandardCharsets.UTF_8));
        journal.append("stdout", "{\"line\":1,\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        if (exit != null) {
            journal.appendLast("exit", exit.getBytes(StandardCharsets.UTF_8));
            assertTrue(publisher.finish());
            return;
        }
        try (Jedis j = redis.client()) {
            while (j.xlen(KEYS.events(id)) < 2) {
                Thread.sleep(10); // until the publisher has written both; the test's timeout bounds it
            }
        }
    }

    /** ZREVRANGE and HGETALL calls Redis has counted. */
    private long[] calls() {
        try (Jedis j = redis.client()) {
            String info = j.info("commandstats");
            return new long[] {calls(info, "zrevrange"), calls(info, "hgetall")};
        }
    }

    private static long calls(String info, String command) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
