package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;

class RecentFramesTest {
    private final List<Event> events = new ArrayList<>();

    private void append(Journal journal, String type, int textBytes) {
        char[] text = new char[textBytes];
        Arrays.fill(text, 'x');
        byte[] payload = ("{\"text\":\"" + new String(text) + "\"}").getBytes(StandardCharsets.UTF_8);
        events.add(journal.append(type, payload));
    }

    /** What a viewer at {@code cursor} must get: whole frames, in order, as many as fit in {@code room}. */
    private byte[] expected(long cursor, int room) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) {
            if (e.id() > cursor) {
                byte[] f = SseFrames.frame(e);
                if (out.size() + f.length > room) {
                    break;
                }
                out.writeBytes(f);
            }
        }
        return out.toByteArray();
    }

    private static byte[] copy(RecentFrames frames, long cursor, int room, long[] newCursor) {
        ByteBuffer buf = ByteBuffer.allocate(room);
        newCursor[0] = frames.copy(cursor, buf);
        buf.flip();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return b;
    }

    private long lastIdOf(byte[] expected, long cursor) {
        long id = cursor;
        int used = 0;
        for (Event e : events) {
            if (e.id() > cursor) {
                used += SseFrames.frame(e).length;
                if (used > expected.length) {
                    break;
                }
                id = e.id();
            }
        }
        return id;
    }

    @Test
    void aViewerGetsTheSameBytesAsEncodingEachEventWholeFramesOnlyAsManyAsFit() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 64 * 1024);
            for (int i = 0; i < 50; i++) {
                append(journal, i % 3 == 0 ? EventTypes.STDERR : EventTypes.STDOUT, i * 7);
            }
            long[] next = new long[1];
            for (long cursor = 0; cursor <= 50; cursor++) {
                for (int room : new int[] {16, 60, 200, 1000, 16 * 1024}) {
                    byte[] want = expected(cursor, room);
                    assertArrayEquals(want, copy(frames, cursor, room, next), "cursor " + cursor + ", room " + room);
                    assertEquals(lastIdOf(want, cursor), next[0], "the new cursor");
                }
            }
        }
    }

    @Test
    void newEventsAreEncodedOnTheNextCopy() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 64 * 1024);
            long[] next = new long[1];
            assertEquals(0, copy(frames, 0, 4096, next).length, "nothing yet");
            assertEquals(0, next[0]);
            append(journal, EventTypes.STDOUT, 5);
            assertArrayEquals(expected(0, 4096), copy(frames, 0, 4096, next));
            append(journal, EventTypes.STDOUT, 6);
            append(journal, EventTypes.STDOUT, 7);
            assertArrayEquals(expected(1, 4096), copy(frames, 1, 4096, next));
            assertEquals(3, next[0]);
        }
    }

    @Test
    void theRingKeepsOnlyTheNewestFramesAndStaysCorrectAcrossItsWrapAround() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 1024);
            long[] next = new long[1];
            for (int i = 1; i <= 300; i++) {
                append(journal, EventTypes.STDOUT, i % 50);
                // Ask after every event, so the ring wraps many times with frames split over its end.
                assertArrayEquals(expected(i - 1, 4096), copy(frames, i - 1, 4096, next), "event " + i);
                assertEquals(i, next[0]);
            }
            // 1 KiB holds a dozen or so of these frames: an old cursor is left to the journal.
            assertEquals(0, copy(frames, 250, 4096, next).length);
            assertEquals(250, next[0]);
            assertArrayEquals(expected(295, 4096), copy(frames, 295, 4096, next));
        }
    }

    @Test
    void aCursorTooFarBehindIsLeftToTheJournal() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 1 << 20);
            for (int i = 0; i < RecentFrames.MAX_EVENTS + 100; i++) {
                append(journal, EventTypes.STDOUT, 1);
            }
            long newest = journal.lastId();
            long[] next = new long[1];
            assertEquals(0, copy(frames, 0, 4096, next).length);
            assertEquals(0, next[0]);
            long held = newest - RecentFrames.RESTART_BEHIND;
            assertEquals(0, copy(frames, held - 1, 4096, next).length, "asked after a long while: only the newest");
            assertEquals(held - 1, next[0]);
            assertArrayEquals(expected(held, 4096), copy(frames, held, 4096, next));
        }
    }

    @Test
    void cursorsAtTheEdgesOfALongCopyNothingAndLeaveTheRingIntact() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            for (int i = 0; i < 10; i++) {
                append(journal, EventTypes.STDOUT, 10);
            }
            RecentFrames frames = new RecentFrames(journal, 64 * 1024);
            long[] cursor = new long[1];
            for (long edge : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, -1, 10}) {
                assertEquals(0, copy(frames, edge, 64 * 1024, cursor).length, "from " + edge);
                assertEquals(edge, cursor[0]);
            }
            assertArrayEquals(expected(0, 64 * 1024), copy(frames, 0, 64 * 1024, cursor));
        }
    }

    @Test
    void aBurstLargerThanTheRingIsTakenARingAtATime() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 4096);
            long[] next = new long[1];
            copy(frames, 0, 64, next);
            for (int i = 0; i < 200; i++) {
                append(journal, EventTypes.STDOUT, 100); // ~140-byte frames: ~29 fill the ring
            }
            // The first call reads about a ring's worth after the newest it held, not all 200.
            byte[] b = copy(frames, 0, 1 << 20, next);
            assertArrayEquals(expected(0, b.length), b);
            assertTrue(next[0] > 0 && next[0] < 40, "one ring's worth: " + next[0]);
            long cursor = next[0];
            while (cursor < 200) {
                b = copy(frames, cursor, 1 << 20, next);
                assertArrayEquals(expected(cursor, b.length), b, "from " + cursor);
                assertTrue(next[0] > cursor, "every call goes on from where the last stopped");
                cursor = next[0];
            }
        }
    }

    @Test
    void aFrameOverAQuarterOfTheRingIsNotHeldTheRingStartsAgainAfterIt() {
        try (Journal journal = new Journal(JournalConfig.inMemory(10_000))) {
            RecentFrames frames = new RecentFrames(journal, 4096);
            append(journal, EventTypes.STDOUT, 10);
            append(journal, EventTypes.STDOUT, 2000);
            append(journal, EventTypes.STDOUT, 10);
            long[] next = new long[1];
            assertEquals(0, copy(frames, 0, 8192, next).length, "before the big one: the journal's business");
            assertEquals(0, next[0]);
            assertEquals(0, copy(frames, 1, 8192, next).length, "the big one comes from the journal");
            assertEquals(1, next[0]);
            assertArrayEquals(expected(2, 8192), copy(frames, 2, 8192, next));
            assertEquals(3, next[0]);
        }
    }

    /**
     * A ring first warmed after the journal forgot: it starts at what the journal holds in memory,
     * so it holds no gap event (whose payload depends on its reader; RecentFrames also refuses
     * one, but since it never reads from before the journal's memory, that refusal is defensive
     * and no test can reach it), and a reader from before is left to the journal.
     */
    @Test
    void aRingWarmedAfterTheJournalForgotHoldsNoGapAndLeavesEarlierReadersToTheJournal() {
        // Sixteen events in memory, no spill file: the journal forgets, and its readers get a gap event.
        try (Journal journal = new Journal(JournalConfig.inMemory(16))) {
            RecentFrames frames = new RecentFrames(journal, 64 * 1024);
            for (int i = 0; i < 40; i++) {
                append(journal, EventTypes.STDOUT, 3);
            }
            long[] next = new long[1];
            byte[] b = copy(frames, 30, 64 * 1024, next);
            assertEquals(40, next[0]);
            assertArrayEquals(expected(30, 64 * 1024), b);
            assertEquals(-1, new String(b, StandardCharsets.UTF_8).indexOf("event: gap"));
            assertEquals(0, copy(frames, 0, 64 * 1024, next).length, "before the gap: the journal's business");
            assertEquals(0, next[0]);
        }
    }

    @Test
    void whatTheJournalHasForgottenIsNeverServedFromTheRingEvenWhileTheRingStillHasIt() {
        // Sixteen events in memory, no spill file; a live viewer keeps the ring warm all along.
        try (Journal journal = new Journal(JournalConfig.inMemory(16))) {
            RecentFrames frames = new RecentFrames(journal, 64 * 1024);
            long[] next = new long[1];
            for (int i = 1; i <= 40; i++) {
                append(journal, EventTypes.STDOUT, 3);
                copy(frames, i - 1, 64 * 1024, next);
                assertEquals(i, next[0]);
            }
            long oldest = journal.oldestInMemory();
            assertEquals(25, oldest);
            // A late joiner must get the journal's gap event for 1..24, not events 1..24.
            assertEquals(0, copy(frames, 0, 64 * 1024, next).length);
            assertEquals(0, next[0]);
            assertEquals(0, copy(frames, oldest - 2, 64 * 1024, next).length);
            assertArrayEquals(expected(oldest - 1, 64 * 1024), copy(frames, oldest - 1, 64 * 1024, next));
            assertEquals(40, next[0]);
        }
    }

    @Test
    void aRingThatFellBehindStartsAgainAtTheJournalsMemoryNotInItsSpillFile(@TempDir Path dir) {
        try (Journal journal = new Journal(new JournalConfig(16, 1 << 20, dir, 1 << 20))) {
            // A ring too small to take in all the spilled frames at once: started in the spill
            // file, it would not reach the events in memory in one call.
            RecentFrames frames = new RecentFrames(journal, 1024);
            for (int i = 0; i < 100; i++) {
                append(journal, EventTypes.STDOUT, 3);
            }
            long oldest = journal.oldestInMemory();
            assertTrue(oldest > 50, "most of the run is in the spill file: " + oldest);
            long[] next = new long[1];
            assertEquals(0, copy(frames, oldest - 2, 64 * 1024, next).length, "spilled history is the journal's");
            assertEquals(oldest - 2, next[0]);
            assertArrayEquals(expected(oldest - 1, 64 * 1024), copy(frames, oldest - 1, 64 * 1024, next));
            assertEquals(100, next[0]);
        }
    }

    @Test
    void randomSizesCursorsAndRoomsAlwaysMatchTheJournal() {
        Random random = new Random(7);
        try (Journal journal = new Journal(JournalConfig.inMemory(100_000))) {
            RecentFrames frames = new RecentFrames(journal, 8192);
            long[] next = new long[1];
            int served = 0;
            for (int round = 0; round < 2000; round++) {
                int add = random.nextInt(4);
                for (int i = 0; i < add; i++) {
                    append(journal, EventTypes.STDOUT, random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(120));
                }
                long lastId = journal.lastId();
                long cursor = Math.max(0, lastId - random.nextInt(60));
                int room = 1 + random.nextInt(6000);
                byte[] got = copy(frames, cursor, room, next);
                if (next[0] == cursor) {
                    assertEquals(0, got.length);
                    continue; // left to the journal: allowed, but then nothing was written
                }
                served++;
                byte[] want = expected(cursor, room);
                assertArrayEquals(Arrays.copyOf(want, got.length), got, "a prefix of whole frames, round " + round);
                assertEquals(lastIdOf(got, cursor), next[0], "round " + round);
            }
            // Not a ring that leaves everything to the journal: with this seed it serves 674 rounds.
            assertTrue(served > 500, "rounds served from the ring: " + served);
        }
    }

    @Test
    void viewersOnSeveralThreadsWhileLinesArriveEachGetTheWholeStream() throws Exception {
        // As SseConnection.fill does: the shared frames when they have the next events, else the
        // journal, one event encoded at a time. Four IO threads, a writer appending meanwhile.
        try (Journal journal = new Journal(JournalConfig.inMemory(100_000))) {
            RecentFrames frames = new RecentFrames(journal, 16 * 1024);
            int total = 20_000;
            Random random = new Random(11);
            int[] sizes = new int[total];
            for (int i = 0; i < total; i++) {
                sizes[i] = random.nextInt(20) == 0 ? random.nextInt(2000) : random.nextInt(100);
            }
            List<java.util.concurrent.Future<byte[]>> viewers = new ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int v = 0; v < 4; v++) {
                    viewers.add(pool.submit(() -> {
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        ByteBuffer buf = ByteBuffer.allocate(4096);
                        long cursor = 0;
                        while (cursor < total) {
                            buf.clear();
                            long next = frames.copy(cursor, buf);
                            if (next == cursor) {
                                long[] at = {cursor};
                                journal.read(cursor, 1, Long.MAX_VALUE, e -> {
                                    buf.put(SseFrames.frame(e));
                                    at[0] = e.id();
                                });
                                next = at[0];
                            }
                            buf.flip();
                            got.write(buf.array(), 0, buf.limit());
                            cursor = next;
                        }
                        return got.toByteArray();
                    }));
                }
                for (int i = 0; i < total; i++) {
                    append(journal, EventTypes.STDOUT, sizes[i]);
                    if (i % 500 == 0) {
                        Thread.sleep(1);
                    }
                }
                byte[] want = expected(0, Integer.MAX_VALUE);
                for (java.util.concurrent.Future<byte[]> v : viewers) {
                    assertArrayEquals(want, v.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theCapacityIsAPowerOfTwo() {
        try (Journal journal = new Journal(JournalConfig.inMemory(16))) {
            assertThrows(IllegalArgumentException.class, () -> new RecentFrames(journal, 3000));
            assertThrows(IllegalArgumentException.class, () -> new RecentFrames(journal, 512));
        }
    }
}
