package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Event;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;

/** The reader's gap rule on entries read from a real Redis stream. */
class StreamGapsIT {
    private static final String KEY = "ssewatch:run:r1:events";

    @TempDir
    Path dir;
    private RedisServer redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.started(dir);
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    @Test
    void aReaderBeforeTheFirstEntryIsShownAGapUpToIt() {
        add(5, "stdout", "{\"text\":\"five\"}");
        add(6, "exit", "{}");
        assertEquals("gap 4 {\"from\":1,\"to\":4} | stdout 5 {\"text\":\"five\"} | exit 6 {}",
                shown(StreamGaps.events(0, redis.entries(KEY))));
        assertEquals("gap 4 {\"from\":3,\"to\":4} | stdout 5 {\"text\":\"five\"} | exit 6 {}",
                shown(StreamGaps.events(2, redis.entries(KEY))));
    }

    @Test
    void aReaderAtTheFirstEntryOrPastItIsShownNoGapAndNothingTwice() {
        add(5, "stdout", "{}");
        add(6, "exit", "{}");
        assertEquals("stdout 5 {} | exit 6 {}", shown(StreamGaps.events(4, redis.entries(KEY))));
        assertEquals("exit 6 {}", shown(StreamGaps.events(5, redis.entries(KEY))), "XRANGE from 5 includes 5");
    }

    @Test
    void aPublishedGapThatTheReaderMeetsLateIsWidenedRatherThanRepeated() {
        add(9, "gap", "{\"from\":6,\"to\":9}");
        add(10, "stdout", "{}");
        assertEquals("gap 9 {\"from\":3,\"to\":9} | stdout 10 {}", shown(StreamGaps.events(2, redis.entries(KEY))));
        assertEquals("gap 9 {\"from\":6,\"to\":9} | stdout 10 {}", shown(StreamGaps.events(5, redis.entries(KEY))),
                "at the gap's own start it is passed on as published");
    }

    @Test
    void trimmingWithMaxlenLeavesAGapForAReaderFromTheStart() {
        try (Jedis j = redis.client()) {
            for (int id = 1; id <= 1000; id++) {
                j.sendCommand(Command.XADD, KEY, "MAXLEN", "~", "100", "0-" + id,
                        "t", "stdout", "d", "{}");
            }
        }
        List<Object> entries = redis.entries(KEY);
        long first = StreamGaps.eventId((byte[]) ((List<?>) entries.get(0)).get(0));
        List<Event> read = StreamGaps.events(0, entries);
        assertEquals("gap " + (first - 1) + " {\"from\":1,\"to\":" + (first - 1) + "}", shown(read.subList(0, 1)));
        assertEquals(1000 - first + 2, read.size(), "the gap and every entry kept");
    }

    private void add(long id, String type, String data) {
        try (Jedis j = redis.client()) {
            j.sendCommand(Command.XADD, KEY, "0-" + id, "t", type, "d", data);
        }
    }

    private static String shown(List<Event> events) {
        return events.stream().map(e -> e.type() + " " + e.id() + " " + e.payloadJson()).collect(Collectors.joining(" | "));
    }
}
