package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Event;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import redis.clients.jedis.Jedis;

/** The publisher against a real redis-server that is there, absent, killed, restarted and paused. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisPublisherIT {
    private static final String RUN = "20261202-011409-test01";

    @TempDir
    Path dir;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void everyEventLandsWithItsIdTypeAndPayloadBytesAndTheRunIsRegistered() throws Exception {
        RedisServer redis = server(true);
        Journal journal = journal(JournalConfig.inMemory(1000));
        RedisPublisher publisher = publisher(journal, redis, 0);
        journal.append("start", json("{\"command\":[\"make\"]}"));
        journal.append("stdout", json("{\"line\":1,\"text\":\"caf\u00e9 \\u001b[1mbold\\u001b[0m\"}"));
        journal.append("stderr", json("{\"line\":2,\"text\":\"\"}"));
        journal.append("custom.type", json("{\"x\":[1,2]}"));
        journal.appendLast("exit", json("{\"code\":0}"));
        assertTrue(publisher.finish());
        assertSameEvents(journal, published(redis));
        try (Jedis j = redis.client()) {
            Map<String, String> meta = j.hgetAll(new RedisKeys("ssewatch:").run(RUN));
            assertEquals("exited", meta.get("state"));
            assertEquals("{\"command\":[\"make\"]}", meta.get("start"));
            assertEquals("{\"code\":0}", meta.get("exit"));
            assertEquals("5", meta.get("lastId"));
            assertTrue(j.zscore("ssewatch:runs", RUN) != null, "the run is in the list of runs");
            long ttl = j.ttl(new RedisKeys("ssewatch:").events(RUN));
            assertTrue(ttl > 3000 && ttl <= 3600, "the stream expires an hour after the run: " + ttl);
        }
        assertEquals(List.of(), notices, "nothing to say when Redis keeps up");
    }

    @Test
    void redisAbsentAtTheStartAndStartedMidRunGetsEveryIdOnceInOrder() throws Exception {
        RedisServer redis = server(false);
        Journal journal = journal(JournalConfig.inMemory(10_000));
        RedisPublisher publisher = publisher(journal, redis, 0);
        journal.append("start", json("{}"));
        lines(journal, 300);
        awaitNotice("is behind");
        redis.start();
        lines(journal, 300);
        endAndAssertPublishedAsIs(journal, publisher, redis);
        assertOnce("publishing to " + redis.url() + " is behind");
        assertOnce("has caught up");
    }

    @Test
    void redisKilledAndRestartedEmptyMidRunEndsWithEveryIdOnceInOrder() throws Exception {
        RedisServer redis = server(true);
        Journal journal = journal(JournalConfig.inMemory(10_000));
        RedisPublisher publisher = publisher(journal, redis, 0);
        journal.append("start", json("{}"));
        lines(journal, 200);
        awaitPublished(publisher, journal.lastId());
        redis.kill();
        lines(journal, 200);
        awaitNotice("is behind");
        redis.start(); // empty: it saved nothing; the publisher puts the whole run back from its journal
        lines(journal, 200);
        endAndAssertPublishedAsIs(journal, publisher, redis);
        assertOnce("is behind");
        assertOnce("has caught up");
    }

    @Test
    void aPausedRedisHoldsUpNeitherAppendsNorLocalReadersAndTheStreamCatchesUpAfter() throws Exception {
        RedisServer redis = server(true);
        Journal journal = journal(JournalConfig.inMemory(100_000));
        RedisPublisher publisher = publisher(journal, redis, 0);
        journal.append("start", json("{}"));
        awaitPublished(publisher, 1);
        redis.pause();
        lines(journal, 20_000);
        List<Event> local = new ArrayList<>();
        journal.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, local::add);
        assertEquals(20_001, local.size(), "a local reader has every event while Redis is stopped");
        awaitNotice("is behind"); // the reply did not come within the socket timeout
        redis.resume();
        endAndAssertPublishedAsIs(journal, publisher, redis);
    }

    @Test
    void whatTheJournalNoLongerHoldsReachesTheStreamAsTheGapALocalReaderGets() throws Exception {
        RedisServer redis = server(false);
        Journal journal = journal(new JournalConfig(16, 64 * 1024, null, 0));
        RedisPublisher publisher = publisher(journal, redis, 0);
        journal.append("start", json("{}"));
        lines(journal, 200);
        awaitNotice("is behind");
        List<Event> local = new ArrayList<>();
        journal.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, local::add);
        redis.start();
        journal.appendLast("exit", json("{}"));
        assertTrue(publisher.finish());
        List<Object> entries = redis.entries(new RedisKeys("ssewatch:").events(RUN));
        Event first = StreamGaps.events(0, entries).get(0);
        assertEquals("gap", first.type());
        assertEquals("{\"from\":1,\"to\":" + first.id() + "}", first.payloadJson());
        assertTrue(first.id() >= local.get(0).id(), "a gap at least as long as a local reader's: " + local.get(0));
        assertEquals(first.id(), StreamGaps.eventId((byte[]) ((List<?>) entries.get(0)).get(0)),
                "the gap is an entry of the stream, not only made up by the reader");
        assertEveryIdOnce(StreamGaps.events(0, entries), journal.lastId());
    }

    @Test
    void withMaxlenTheStreamIsTrimmedAndAReaderBeforeItIsShownAGap() throws Exception {
        RedisServer redis = server(true);
        Journal journal = journal(JournalConfig.inMemory(10_000));
        RedisPublisher publisher = publisher(journal, redis, 100);
        journal.append("start", json("{}"));
        for (int i = 0; i < 20; i++) {
            lines(journal, 100);
            awaitPublished(publisher, journal.lastId()); // one batch at a time, so that trimming happens as it goes
        }
        journal.appendLast("exit", json("{}"));
        assertTrue(publisher.finish());
        List<Object> entries = redis.entries(new RedisKeys("ssewatch:").events(RUN));
        assertTrue(entries.size() >= 100 && entries.size() < 1000, "about 100 kept: " + entries.size());
        List<Event> read = StreamGaps.events(0, entries);
        assertEquals("gap", read.get(0).type());
        assertEquals(StreamGaps.eventId((byte[]) ((List<?>) entries.get(0)).get(0)) - 1, read.get(0).id());
        assertEveryIdOnce(read, journal.lastId());
    }

    @Test
    void whenRedisNeverComesBackFinishSaysOnceWhatWasNotPublishedAndReturns() throws Exception {
        RedisServer redis = server(false);
        Journal journal = journal(JournalConfig.inMemory(100));
        PublishConfig config = new PublishConfig(RedisUrl.parse(redis.url()), new RedisKeys("ssewatch:"), 0,
                Duration.ofHours(1), Duration.ofMillis(500));
        RedisPublisher publisher = new RedisPublisher(journal, config, RUN, notices::add);
        toClose.add(publisher);
        publisher.start();
        journal.append("start", json("{}"));
        journal.appendLast("exit", json("{}"));
        assertFalse(publisher.finish());
        assertOnce("events 1-2 could not be published to " + redis.url() + " within 500ms");
    }

    private RedisServer server(boolean started) throws Exception {
        RedisServer redis = RedisServer.on(dir);
        toClose.add(redis);
        return started ? redis.start() : redis;
    }

    private Journal journal(JournalConfig config) {
        Journal journal = new Journal(config);
        toClose.add(journal);
        return journal;
    }

    private RedisPublisher publisher(Journal journal, RedisServer redis, long maxLen) {
        PublishConfig config = new PublishConfig(RedisUrl.parse(redis.url()), new RedisKeys("ssewatch:"), maxLen,
                Duration.ofHours(1), Duration.ofSeconds(60));
        RedisPublisher publisher = new RedisPublisher(journal, config, RUN, notices::add);
        toClose.add(publisher);
        publisher.start();
        return publisher;
    }

    private static void lines(Journal journal, int n) {
        for (int i = 0; i < n; i++) {
            journal.append("stdout", json("{\"line\":" + journal.lastId() + ",\"text\":\"line " + i + "\"}"));
        }
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Event> published(RedisServer redis) {
        return StreamGaps.events(0, redis.entries(new RedisKeys("ssewatch:").events(RUN)));
    }

    /** Ends the run; Redis must then hold it all, as the journal has it. */
    private static void endAndAssertPublishedAsIs(Journal journal, RedisPublisher publisher, RedisServer redis)
            throws InterruptedException {
        journal.appendLast("exit", json("{}"));
        assertTrue(publisher.finish(), "everything published");
        assertSameEvents(journal, published(redis));
    }

    /** Same ids, types and payload bytes, in the same order, and nothing else. */
    private static void assertSameEvents(Journal journal, List<Event> published) {
        List<Event> local = new ArrayList<>();
        journal.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, local::add);
        assertEquals(local.size(), published.size(), "as many entries as events");
        for (int i = 0; i < local.size(); i++) {
            Event want = local.get(i);
            Event got = published.get(i);
            assertEquals(want.id(), got.id());
            assertEquals(want.type(), got.type(), "type of " + want.id());
            assertEquals(want.payloadJson(), got.payloadJson(), "payload of " + want.id());
            assertTrue(java.util.Arrays.equals(want.payload(), got.payload()), "payload bytes of " + want.id());
        }
    }

    private static void assertEveryIdOnce(List<Event> read, long lastId) {
        long next = 1;
        for (Event e : read) {
            if (e.type().equals("gap")) {
                assertTrue(e.payloadJson().startsWith("{\"from\":" + next + ","), e + " after " + (next - 1));
            } else {
                assertEquals(next, e.id(), "out of order or repeated");
            }
            next = e.id() + 1;
        }
        assertEquals(lastId + 1, next, "up to the last event");
        assertEquals("exit", read.get(read.size() - 1).type());
    }

    private void awaitNotice(String part) throws InterruptedException {
        while (notices.stream().noneMatch(n -> n.contains(part))) {
            Thread.sleep(10); // bounded by the class's timeout
        }
    }

    private static void awaitPublished(RedisPublisher publisher, long id) throws InterruptedException {
        while (publisher.published() < id) {
            Thread.sleep(5);
        }
    }

    private void assertOnce(String... parts) {
        long n = notices.stream().filter(s -> java.util.Arrays.stream(parts).allMatch(s::contains)).count();
        assertEquals(1, n, "said once: " + String.join(" ... ", parts) + " in " + notices);
    }
}
