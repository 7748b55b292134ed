package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The spill file on a real filesystem that runs out of space while the run goes on. */
@Timeout(120)
class FullDiskIT {
    private static final int TOTAL = 20_000;
    private static final Pattern GAP = Pattern.compile("\\{\"from\":(\\d+),\"to\":(\\d+)}");

    /** The second event larger than the spill file's write buffer; the first, event 50, fits the disk. */
    private long secondLarge = 1000;

    /** A payload that says which event it is all the way through, so that a wrong record shows. */
    private byte[] stamped(long id) {
        byte[] b = new byte[sizeOf(id)];
        byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            b[i] = i % (digits.length + 1) == digits.length ? (byte) ' ' : digits[i % (digits.length + 1)];
        }
        return b;
    }

    /** Mostly short; two larger than the spill file's write buffer. */
    private int sizeOf(long id) {
        return id == 50 || id == secondLarge ? 300_000 : 1 + (int) ((id * 7919) % 300);
    }

    private static JournalConfig spillingTo(SmallDisk disk) {
        return new JournalConfig(100, 64 * 1024, disk.dir(), 1L << 30);
    }

    private static List<Event> readAll(Journal j, long after) {
        List<Event> out = new ArrayList<>();
        for (long cursor = after, next; (next = j.read(cursor, 1000, Long.MAX_VALUE, out::add)) != cursor; cursor = next) {
        }
        return out;
    }

    /**
     * Every id after {@code after} up to {@code last} exactly once, in order, either as itself with
     * its own bytes or inside a gap; returns the gaps as {from, to}.
     */
    private List<long[]> assertEveryIdOnce(List<Event> events, long after, long last) {
        List<long[]> gaps = new ArrayList<>();
        long expected = after + 1;
        for (Event e : events) {
            if (e.type().equals(EventTypes.GAP)) {
                Matcher m = GAP.matcher(e.payloadJson());
                assertTrue(m.matches(), e.payloadJson());
                long from = Long.parseLong(m.group(1));
                long to = Long.parseLong(m.group(2));
                assertEquals(expected, from, "a gap that does not start where the reader was: " + e);
                assertEquals(to, e.id(), "a gap's id is its last missing id");
                gaps.add(new long[] {from, to});
                expected = to + 1;
            } else {
                assertEquals(expected, e.id(), "out of order or repeated");
                if (e.id() <= TOTAL) {
                    assertTrue(Arrays.equals(stamped(e.id()), e.payload()), "event " + e.id() + " has another's bytes");
                }
                expected++;
            }
        }
        assertEquals(last, expected - 1, "ids missing at the end");
        return gaps;
    }

    @Test
    void aDiskThatFillsUpUnderTheSpillFileBecomesOneGapAndTheRunGoesOn() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(384)) {
            List<String> notices = new CopyOnWriteArrayList<>();
            try (Journal j = new Journal(spillingTo(disk), notices::add)) {
                for (long i = 1; i <= TOTAL; i++) {
                    j.append(EventTypes.STDOUT, stamped(i));
                }
                j.appendLast(EventTypes.EXIT, "{}".getBytes(StandardCharsets.UTF_8));
                assertEquals(TOTAL + 1, j.lastId(), "appends went on after the disk was full");

                List<Event> all = readAll(j, 0);
                List<long[]> gaps = assertEveryIdOnce(all, 0, TOTAL + 1);
                assertEquals(1, gaps.size(), "one gap: " + all.size() + " events");
                long from = gaps.get(0)[0];
                assertTrue(from > 50, "the spill file kept what fitted, the first large event too: gap from " + from);
                assertTrue(gaps.get(0)[1] < TOTAL - 50, "memory still holds the newest events: gap to " + gaps.get(0)[1]);
                assertEquals(EventTypes.EXIT, all.get(all.size() - 1).type());

                assertEquals(1, notices.size(), "said once: " + notices);
                assertTrue(notices.get(0).contains(disk.dir().toString()), notices.get(0));
                assertTrue(notices.get(0).contains("No space left on device"), notices.get(0));
                assertTrue(notices.get(0).contains(" " + from + " "), "names the first event not kept: " + notices.get(0));

                // A reader positioned inside the gap is told the rest of it, not an error.
                List<Event> inside = readAll(j, from + 10);
                assertEveryIdOnce(inside, from + 10, TOTAL + 1);
                assertEquals(EventTypes.GAP, inside.get(0).type());
                assertEquals(1, notices.size(), "still said once: " + notices);
            }
        }
    }

    @Test
    void aRecordLargerThanTheWriteBufferThatDoesNotFitTheDiskIsNotKeptEither() throws Exception {
        // 300 KB at event 50, some 45 KB of short events, then 300 KB more: the disk fills while
        // the spill file writes that record on its own rather than through its buffer.
        secondLarge = 300;
        try (SmallDisk disk = SmallDisk.mount(384)) {
            List<String> notices = new CopyOnWriteArrayList<>();
            try (Journal j = new Journal(spillingTo(disk), notices::add)) {
                for (long i = 1; i <= TOTAL; i++) {
                    j.append(EventTypes.STDOUT, stamped(i));
                }
                List<long[]> gaps = assertEveryIdOnce(readAll(j, 0), 0, TOTAL);
                assertEquals(1, gaps.size());
                assertEquals(secondLarge, gaps.get(0)[0], "kept up to the large record, which did not fit");
                assertEquals(1, notices.size(), "said once: " + notices);
            }
        }
    }

    @Test
    void readersBesideTheWriterWhileTheDiskFillsGetEveryIdOnceAsItselfOrInAGap() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(384)) {
            List<String> notices = new CopyOnWriteArrayList<>();
            try (Journal j = new Journal(spillingTo(disk), notices::add)) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Thread> readers = new ArrayList<>();
                List<List<Event>> seen = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    // Small batches from behind: these readers flush the spill file themselves, so
                    // some of the failed writes happen on their threads.
                    List<Event> mine = new ArrayList<>();
                    seen.add(mine);
                    int batch = 7 + 50 * r;
                    Thread t = new Thread(() -> {
                        try {
                            long cursor = 0;
                            while (writing.get() || cursor < j.lastId()) {
                                cursor = j.read(cursor, batch, Long.MAX_VALUE, mine::add);
                            }
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    });
                    t.start();
                    readers.add(t);
                }
                for (long i = 1; i <= TOTAL; i++) {
                    j.append(EventTypes.STDOUT, stamped(i));
                }
                j.appendLast(EventTypes.EXIT, "{}".getBytes(StandardCharsets.UTF_8));
                writing.set(false);
                for (Thread t : readers) {
                    t.join(60_000);
                    assertFalse(t.isAlive(), "a reader is stuck");
                }
                if (failure.get() != null) {
                    throw new AssertionError(failure.get());
                }
                for (List<Event> events : seen) {
                    assertEveryIdOnce(events, 0, TOTAL + 1);
                    assertEquals(EventTypes.EXIT, events.get(events.size() - 1).type());
                }
                assertEquals(1, assertEveryIdOnce(readAll(j, 0), 0, TOTAL + 1).size(), "one gap for a late reader");
                assertEquals(1, notices.size(), "said once: " + notices);
            }
        }
    }
}
