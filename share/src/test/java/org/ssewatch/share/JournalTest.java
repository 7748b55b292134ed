package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static byte[] payload(long n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Event> readAll(Journal j, long after) {
        List<Event> out = new ArrayList<>();
        long cursor = after;
        while (true) {
            long next = j.read(cursor, 1000, Long.MAX_VALUE, out::add);
            if (next == cursor) {
                return out;
            }
            cursor = next;
        }
    }

    @Test
    void idsAreConsecutiveFromOneAcrossTypes() {
        try (Journal j = new Journal(JournalConfig.inMemory(100))) {
            assertEquals(1, j.append("start", payload(0)).id());
            assertEquals(2, j.append("stdout", payload(1)).id());
            assertEquals(3, j.append("stderr", payload(2)).id());
            assertEquals(3, j.lastId());
            assertEquals(List.of(2L, 3L), readAll(j, 1).stream().map(Event::id).toList());
        }
    }

    @Test
    void nothingMayFollowTheLastEvent() {
        try (Journal j = new Journal(JournalConfig.inMemory(100))) {
            j.appendLast("exit", payload(0));
            assertTrue(j.isComplete());
            assertThrows(IllegalStateException.class, () -> j.append("stdout", payload(1)));
        }
    }

    @Test
    void eventsThatLeaveMemoryAreReadBackFromTheSpillFileExactly() {
        try (Journal j = new Journal(new JournalConfig(100, 1 << 20, dir, 1L << 30))) {
            for (int i = 1; i <= 10_000; i++) {
                j.append(i % 2 == 0 ? "stdout" : "stderr", payload(i));
            }
            List<Event> all = readAll(j, 0);
            assertEquals(10_000, all.size());
            for (int i = 1; i <= 10_000; i++) {
                Event e = all.get(i - 1);
                assertEquals(i, e.id());
                assertEquals(i % 2 == 0 ? "stdout" : "stderr", e.type());
                assertEquals("{\"n\":" + i + "}", e.payloadJson());
            }
            assertEquals(List.of(5001L), readAll(j, 5000).stream().limit(1).map(Event::id).toList());
        }
    }

    @Test
    void theByteBudgetEvictsLargeEventsToo() {
        try (Journal j = new Journal(new JournalConfig(1000, 64 * 1024, dir, 1L << 30))) {
            byte[] big = new byte[10_000];
            java.util.Arrays.fill(big, (byte) 'a');
            for (int i = 0; i < 100; i++) {
                j.append("stdout", big);
            }
            List<Event> all = readAll(j, 0);
            assertEquals(100, all.size());
            assertTrue(all.stream().allMatch(e -> e.payload().length == 10_000));
        }
    }

    @Test
    void whatIsDroppedPastTheSpillLimitIsReportedAsOneGap() {
        try (Journal j = new Journal(new JournalConfig(100, 1 << 20, dir, 2000))) {
            for (int i = 1; i <= 1000; i++) {
                j.append("stdout", payload(i));
            }
            List<Event> all = readAll(j, 0);
            Event gap = all.stream().filter(e -> e.type().equals("gap")).findFirst().orElseThrow();
            long kept = all.stream().filter(e -> !e.type().equals("gap")).count();
            assertEquals(1, all.stream().filter(e -> e.type().equals("gap")).count());
            assertTrue(gap.payloadJson().startsWith("{\"from\":"), gap.payloadJson());
            // Ids still run without a hole: the gap stands exactly for what is missing.
            long expected = 1;
            for (Event e : all) {
                if (e.type().equals("gap")) {
                    expected = e.id() + 1;
                } else {
                    assertEquals(expected++, e.id());
                }
            }
            assertEquals(1000, expected - 1);
            assertTrue(kept < 1000 && kept >= 100, "kept " + kept);
        }
    }

    /** The spill file through this process's descriptor for it: its name is unlinked as soon as it is open. */
    private Path openSpillFile() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self/fd")),
                "skipped: needs /proc/self/fd to reach the unlinked spill file");
        try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().startsWith(dir.toString())) {
                        return fd;
                    }
                } catch (java.io.IOException e) {
                    // the directory's own descriptor, closed by now
                }
            }
        }
        throw new AssertionError("no open spill file in " + dir);
    }

    @Test
    void aSpillFileThatCannotBeReadBackBecomesAGapAndIsSaidOnce() throws Exception {
        List<String> notices = new ArrayList<>();
        try (Journal j = new Journal(new JournalConfig(100, 1 << 20, dir, 1L << 30), notices::add)) {
            for (int i = 1; i <= 50_000; i++) {
                j.append("stdout", payload(i));
            }
            readAll(j, 0); // all that left memory is in the file now
            Path file = openSpillFile();
            try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                c.truncate(100_000); // as a disk that lost the rest would read
            }

            List<Event> all = readAll(j, 0);
            for (int i = 50_001; i <= 50_100; i++) {
                j.append("stdout", payload(i)); // the run goes on
            }
            all.addAll(readAll(j, all.get(all.size() - 1).id()));

            long expected = 1;
            int gaps = 0;
            for (Event e : all) {
                if (e.type().equals("gap")) {
                    gaps++;
                    assertEquals("{\"from\":" + expected + ",\"to\":" + e.id() + "}", e.payloadJson());
                    assertTrue(expected > 1000 && e.id() > 49_000, "the readable start and the memory tail are kept: " + e);
                    expected = e.id() + 1;
                } else {
                    assertEquals(expected++, e.id());
                    assertEquals("{\"n\":" + e.id() + "}", e.payloadJson());
                }
            }
            assertEquals(50_100, expected - 1);
            assertEquals(1, gaps);
            assertEquals(1, notices.size(), "said once: " + notices);
            assertTrue(notices.get(0).contains("could not be read"), notices.get(0));
        }
    }

    @Test
    void aReaderPastTheEndGetsNothing() {
        try (Journal j = new Journal(JournalConfig.inMemory(100))) {
            j.append("stdout", payload(1));
            assertEquals(1, j.read(1, 10, Long.MAX_VALUE, e -> { }));
            assertEquals(7, j.read(7, 10, Long.MAX_VALUE, e -> { }));
        }
    }

    /**
     * Ids come from outside (a header, a query); the web server range-checks them, but no id may
     * make a read loop for ever: after {@code Long.MAX_VALUE} there is nothing, and anything
     * below 0 means the whole run, whether the events are in memory or in the spill file.
     */
    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a spinning read ignores interrupts
    void readsAfterTheLargestAndSmallestIdsEndAtOnce() {
        JournalConfig spilling = new JournalConfig(16, 64 * 1024, dir, 1L << 30);
        for (JournalConfig config : List.of(spilling, JournalConfig.inMemory(100))) {
            try (Journal j = new Journal(config)) {
                for (int i = 1; i <= 40; i++) {
                    j.append("stdout", payload(i));
                }
                List<Event> got = new ArrayList<>();
                assertEquals(Long.MAX_VALUE, j.read(Long.MAX_VALUE, 1000, Long.MAX_VALUE, got::add));
                assertEquals(Long.MAX_VALUE - 1, j.read(Long.MAX_VALUE - 1, 1000, Long.MAX_VALUE, got::add));
                assertEquals(List.of(), got, "nothing comes after the largest ids");
                assertEquals(40, j.read(Long.MIN_VALUE, 1000, Long.MAX_VALUE, got::add));
                assertEquals(40, got.size());
                assertEquals(1, got.get(0).id());
                j.appendLast("exit", payload(0));
                assertEquals(Long.MAX_VALUE, j.read(Long.MAX_VALUE, 1000, Long.MAX_VALUE, e -> fail("delivered " + e)));
            }
        }
    }

    /** A payload that says which event it is all the way through, so that a torn copy shows. */
    static byte[] stamped(long id, int size) {
        byte[] b = new byte[size];
        byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            b[i] = i % (digits.length + 1) == digits.length ? (byte) ' ' : digits[i % (digits.length + 1)];
        }
        return b;
    }

    /** Events 1..total, all of them, each with the bytes {@link #stamped} gave it. */
    private static void assertEveryPayloadReadsBack(Journal j, int total, java.util.function.LongToIntFunction size) {
        List<Event> all = readAll(j, 0);
        assertEquals(total, all.size());
        for (Event e : all) {
            assertTrue(java.util.Arrays.equals(stamped(e.id(), size.applyAsInt(e.id())), e.payload()), "event " + e.id());
        }
    }

    static int sizeOf(long id) {
        // mostly short, some that do not divide the ring, and every 97th too large to share it
        return id % 97 == 0 ? 20_000 : 1 + (int) ((id * 7919) % 700);
    }

    @Test
    void withoutASpillFileWhatTheBudgetKeepsStaysInMemoryEvenWhenTheRingIsFull() {
        // Payloads just under an eighth of the 64 KiB ring leave gaps at its end, so the ring fills
        // before the byte budget does; with nowhere to spill them, the oldest must not be dropped
        // early: the payload that does not fit keeps its own array.
        int total = 5_000;
        try (Journal j = new Journal(new JournalConfig(4096, 64 * 1024, null, 0))) {
            long first = 1;
            long kept = 0; // the footprints of events first..i, as the budget counts them
            for (long i = 1; i <= total; i++) {
                j.append("stdout", stamped(i, 5_000 + (int) (i * 131 % 3_192)));
                kept += 5_000 + (i * 131 % 3_192) + 64;
                while (kept > 64 * 1024) {
                    kept -= 5_000 + (first * 131 % 3_192) + 64;
                    first++;
                }
                assertEquals(first, j.oldestInMemory(), "after event " + i + ", memory keeps what the budget allows");
            }
            List<Event> all = readAll(j, 0);
            assertEquals("gap", all.get(0).type());
            assertEquals(first - 1, all.get(0).id(), "the gap ends where the byte budget says");
            assertEquals(total - first + 1, all.size() - 1);
            for (Event e : all.subList(1, all.size())) {
                assertTrue(java.util.Arrays.equals(stamped(e.id(), 5_000 + (int) (e.id() * 131 % 3_192)), e.payload()),
                        "event " + e.id());
            }
        }
    }

    @Test
    void withAFullSpillFileWhatTheBudgetKeepsStaysInMemoryEvenWhenTheRingIsFull() {
        // As without a spill file: once the spill file has taken all it may, evicting early to make
        // room in the ring would drop what the byte budget says to keep.
        try (Journal j = new Journal(new JournalConfig(4096, 64 * 1024, dir, 100_000))) {
            for (long i = 1; i <= 2_000; i++) {
                j.append("stdout", stamped(i, 5_000 + (int) (i * 131 % 3_192)));
                if (i > 100) {
                    long kept = 0;
                    for (long k = j.oldestInMemory() - 1; k <= i; k++) {
                        kept += 5_000 + (k * 131 % 3_192) + 64;
                    }
                    assertTrue(kept > 64 * 1024, "after event " + i + ", event " + (j.oldestInMemory() - 1)
                            + " left memory though the byte budget had room for it");
                }
            }
        }
    }

    @Test
    void theRingStopsAt64MiBAndALargerPayloadKeepsItsOwnArray() {
        try (Journal j = new Journal(new JournalConfig(100, 1L << 30, null, 0))) {
            byte[] big = stamped(1, (8 << 20) + 1);
            j.append("stdout", big);
            assertEquals(64 * 1024, j.ringBytes(), "over an eighth of the largest ring (64 MiB): not in the ring");
            assertEveryPayloadReadsBack(j, 1, id -> (8 << 20) + 1);
        }
    }

    @Test
    void theByteRingDoublesOnlyAsFarAsTheRunNeedsKeepingEveryPayload() {
        try (Journal j = new Journal(JournalConfig.inMemory(50_000))) {
            for (long i = 1; i <= 40_000; i++) {
                j.append("stdout", stamped(i, sizeOf(i))); // ~22 MB, from a 64 KiB ring
            }
            assertEquals(1, j.oldestInMemory());
            long total = java.util.stream.LongStream.rangeClosed(1, 40_000).map(JournalTest::sizeOf).sum();
            assertTrue(j.ringBytes() >= total && j.ringBytes() < 2 * total,
                    "doubled from 64 KiB only as needed: " + j.ringBytes() + " for " + total);
            assertEveryPayloadReadsBack(j, 40_000, JournalTest::sizeOf);
        }
    }

    @Test
    void theRingMovesLivePayloadsToTheirPlaceWhenItGrowsAfterLapping() {
        // 100 short events lap the first 64 KiB ring many times; then larger ones make it grow
        // while the live ones sit at positions far past its length.
        try (Journal j = new Journal(new JournalConfig(100, 16 << 20, dir, 1L << 30))) {
            for (long i = 1; i <= 20_000; i++) {
                j.append("stdout", stamped(i, i <= 19_800 ? 100 : 5_000));
            }
            assertEveryPayloadReadsBack(j, 20_000, id -> id <= 19_800 ? 100 : 5_000);
        }
    }

    @Test
    void payloadsThatDoNotFitBeforeTheRingsEndStartAgainAtItsBeginningIntact() {
        // Sizes just under an eighth of the ring: it must skip ahead, and evict, to place them whole.
        try (Journal j = new Journal(new JournalConfig(4096, 64 * 1024, dir, 1L << 30))) {
            for (long i = 1; i <= 5_000; i++) {
                j.append("stdout", stamped(i, 5_000 + (int) (i * 131 % 3_192)));
            }
            assertEveryPayloadReadsBack(j, 5_000, id -> 5_000 + (int) (id * 131 % 3_192));
        }
    }

    @Test
    void aByteBudgetThatIsNoPowerOfTwoRoundsTheRingDownAndKeepsPayloadsIntactThroughLaps() {
        try (Journal j = new Journal(new JournalConfig(100_000, 100 * 1024 + 7, dir, 1L << 30))) {
            for (long i = 1; i <= 30_000; i++) {
                j.append("stdout", stamped(i, sizeOf(i)));
            }
            assertEquals(64 * 1024, j.ringBytes(), "the ring grows in powers of two and never past the budget");
            assertEveryPayloadReadsBack(j, 30_000, JournalTest::sizeOf);
        }
    }

    @Test
    void listenersHearEveryAppend() {
        try (Journal j = new Journal(JournalConfig.inMemory(100))) {
            int[] calls = {0};
            j.addListener(() -> calls[0]++);
            j.append("stdout", payload(1));
            j.appendLast("exit", payload(2));
            assertEquals(2, calls[0]);
        }
    }
}
