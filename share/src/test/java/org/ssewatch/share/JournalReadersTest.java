package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssewatch.share.JournalTest.sizeOf;
import static org.ssewatch.share.JournalTest.stamped;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readers beside the writer: the journal's sequence lock (its class comment) under stress. */
class JournalReadersTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void readersRunningBesideTheWriterSeeEveryEventInOrder() throws Exception {
        // Only 64 events in memory: most reads race with eviction and go to the spill file.
        readersBesideTheWriter(dir, 64, 1 << 20, 200_000, 500);
    }

    /**
     * Three readers beside a writer that laps (and, with {@code budget} over 64 KiB, first grows)
     * the byte ring: every reader gets every event once, in order, with its own bytes. Without a
     * spill file ({@code spillDir} null), what leaves memory before a reader gets to it is dropped,
     * and the reader is shown a gap that stands exactly for it instead.
     *
     * <p>Every payload's bytes say its id ({@link JournalTest#stamped}), and two more readers keep
     * reading the oldest event in memory, the one the writer overwrites next: a copy that raced
     * with the writer and was delivered anyway shows as another event's bytes. Checked against the journal's
     * protocol (its class comment) broken on purpose: without the re-check after the copy, each
     * test that uses this fails within its first seconds. Without either fence, none does on
     * x86-64, where both compile to no instruction (they only keep the JIT from reordering).
     */
    private int readersBesideTheWriter(Path spillDir, int maxEvents, long budget, int total, int batch) throws Exception {
        boolean dropping = spillDir == null;
        try (Journal j = new Journal(new JournalConfig(maxEvents, budget, spillDir, dropping ? 0 : 1L << 30))) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            for (int r = 0; r < 2; r++) {
                // Readers at the edge of memory, where the writer is about to overwrite what they copy.
                Thread t = new Thread(() -> {
                    try {
                        while (writing.get()) {
                            j.read(j.oldestInMemory() - 1, 1, Long.MAX_VALUE, e -> {
                                if (!(dropping && e.type().equals("gap"))
                                        && !java.util.Arrays.equals(stamped(e.id(), sizeOf(e.id())), e.payload())) {
                                    throw new AssertionError("event " + e.id() + ", read as it left memory, has another's bytes");
                                }
                            });
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            for (int r = 0; r < 3; r++) {
                Thread t = new Thread(() -> {
                    long cursor = 0;
                    long[] expect = {1};
                    try {
                        while (cursor < total) {
                            cursor = j.read(cursor, batch, Long.MAX_VALUE, e -> {
                                if (dropping && e.type().equals("gap")) {
                                    String covers = "{\"from\":" + expect[0] + ",\"to\":" + e.id() + "}";
                                    if (!e.payloadJson().equals(covers)) {
                                        throw new AssertionError("expected a gap " + covers + ", got " + e.payloadJson());
                                    }
                                    expect[0] = e.id() + 1;
                                    return;
                                }
                                if (e.id() != expect[0]++) {
                                    throw new AssertionError("expected event " + (expect[0] - 1) + ", got " + e.id() + " " + e.type());
                                }
                                if (!java.util.Arrays.equals(stamped(e.id(), sizeOf(e.id())), e.payload())) {
                                    throw new AssertionError("event " + e.id() + " has another's bytes: "
                                            + new String(e.payload(), 0, Math.min(40, e.payload().length), StandardCharsets.US_ASCII));
                                }
                            });
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            for (long i = 1; i <= total; i++) {
                j.append("stdout", stamped(i, sizeOf(i)));
            }
            writing.set(false);
            for (Thread t : readers) {
                t.join(60_000);
                assertFalse(t.isAlive(), "a reader is stuck");
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertTrue(j.oldestInMemory() > total - maxEvents, "memory holds at most the newest events");
            return j.ringBytes();
        }
    }

    @Test
    @Timeout(120)
    void readersCopyingFromTheByteRingWhileTheWriterOverwritesItNeverSeeATornPayload() throws Exception {
        // The smallest byte budget: a 64 KiB ring that the writer laps thousands of times.
        readersBesideTheWriter(dir, 4096, 64 * 1024, 100_000, 64);
    }

    @Test
    @Timeout(120)
    void withoutASpillFileReadersRacingTheWriterGetEachPayloadIntactOrAGapForIt() throws Exception {
        // What a reader loses the race for is gone, not read back: a copy the writer overwrote
        // must become a gap, never a delivered payload; the payloads too large for the ring race
        // by reference (their slot is cleared as they leave).
        readersBesideTheWriter(null, 4096, 64 * 1024, 100_000, 64);
    }

    @Test
    @Timeout(120)
    void readersCopyingWhileTheRingGrowsUnderThemGetEveryPayloadIntact() throws Exception {
        // From 64 KiB to 1 MiB while the readers copy, then lapped; many short runs, so that the
        // four doublings of each often find a reader mid-copy.
        for (int round = 0; round < 60; round++) {
            assertEquals(1 << 20, readersBesideTheWriter(dir, 4096, 1 << 20, 4_000, 8), "the ring grew to its budget");
        }
    }
}
