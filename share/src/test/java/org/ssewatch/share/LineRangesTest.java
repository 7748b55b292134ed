package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRangesTest {
    @TempDir
    Path dir;

    private static List<String> texts(LineRange r) {
        return r.lines().stream().map(LineEvent::text).toList();
    }

    private static List<Long> numbers(LineRange r) {
        return r.lines().stream().map(LineEvent::line).toList();
    }

    private static void print(Recorder.StreamLines s, int from, int to) {
        for (int i = from; i <= to; i++) {
            s.line("line " + i);
        }
    }

    @Test
    void anyStretchIsReadFromMemoryOrTheSpillFileAlike() {
        try (Journal j = new Journal(new JournalConfig(1000, 1 << 20, dir, 1L << 30))) {
            Recorder rec = new Recorder(j);
            rec.start(new StartInfo(List.of("x"), "/", "h", 1L, null, false));
            print(rec.lines(EventTypes.STDOUT), 1, 100_000);
            assertTrue(j.oldestInMemory() > 50_000, "most of the run is in the spill file");
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            LineRange first = ranges.read(1, 3);
            assertEquals(List.of("line 1", "line 2", "line 3"), texts(first));
            assertEquals(100_000, first.total());
            assertEquals(100_001, first.lastId());
            assertEquals(List.of("line 77777", "line 77778"), texts(ranges.read(77_777, 77_778)));
            LineRange across = ranges.read(j.oldestInMemory() - 3, j.oldestInMemory() + 2);
            assertEquals(6, across.lines().size(), "a range across the spill file and memory");
            assertEquals(List.of(99_999L, 100_000L), numbers(ranges.read(99_999, 200_000)), "cut at the last line");
            assertTrue(ranges.read(100_001, 100_005).isEmpty());
            LineRange wide = ranges.read(1, 100_000);
            assertEquals(LineRanges.MAX_SPAN, wide.to(), "one read covers at most MAX_SPAN lines");
            assertEquals(LineRanges.MAX_SPAN, wide.events().size());
        }
    }

    @Test
    void aLineRewrittenByCarriageReturnsOrFinishedLaterIsReadOnceAsItStandsLast() {
        try (Journal j = new Journal(JournalConfig.inMemory(100_000))) {
            Recorder rec = new Recorder(j);
            Recorder.StreamLines out = rec.lines(EventTypes.STDOUT);
            Recorder.StreamLines err = rec.lines(EventTypes.STDERR);
            out.line("10%", true, false);
            err.line("warning");
            out.line("50%", true, false);
            out.line("100%", false, false);
            err.line("prompt? ", true, false);
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            LineRange r = ranges.read(1, 10);
            assertEquals(List.of("100%", "warning", "prompt? "), texts(r));
            assertEquals(List.of(false, false, true), r.lines().stream().map(LineEvent::partial).toList());
            assertEquals(List.of(EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDERR),
                    r.lines().stream().map(LineEvent::stream).toList());
        }
    }

    @Test
    void aLineLeftOpenWhileThousandsOfOthersArePrintedIsReadAsItStandsLast() {
        try (Journal j = new Journal(JournalConfig.inMemory(100_000))) {
            Recorder rec = new Recorder(j);
            Recorder.StreamLines out = rec.lines(EventTypes.STDOUT);
            Recorder.StreamLines err = rec.lines(EventTypes.STDERR);
            err.line("Password: ", true, false);
            print(out, 2, 3 * LineIndex.LOOKAHEAD);
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            err.line("Password: still waiting", true, false);
            assertEquals(List.of("Password: still waiting", "line 2"), texts(ranges.read(1, 2)));
            print(out, 3 * LineIndex.LOOKAHEAD + 1, 4 * LineIndex.LOOKAHEAD);
            err.line("Password: ok", false, false);
            LineRange r = ranges.read(1, 2);
            assertEquals(List.of("Password: ok", "line 2"), texts(r));
            assertEquals(false, r.lines().get(0).partial());
        }
    }

    @Test
    void linesNoLongerKeptAreNamedAsGaps() {
        // 100 events in memory and a spill file of 4 KB: the middle of the run is gone.
        try (Journal j = new Journal(new JournalConfig(100, 1 << 20, dir, 4096))) {
            Recorder rec = new Recorder(j);
            print(rec.lines(EventTypes.STDOUT), 1, 1000);
            LineRange r = new LineRanges(j, rec.lineIndex()).read(1, 1000);
            assertEquals(1, r.gaps().size(), r.gaps().toString());
            LineRange.Gap g = r.gaps().get(0);
            assertTrue(g.from() > 10, "the spill file keeps the start: " + g);
            assertEquals(j.oldestInMemory(), g.to() + 1, "memory keeps the last lines (here line N is event N)");
            assertEquals(1000, r.lines().size() + (g.to() - g.from() + 1), "every line is either read or in a gap");
            assertEquals(g.from() - 1, r.lines().get((int) g.from() - 2).line());
            long inside = (g.from() + g.to()) / 2;
            LineRange one = new LineRanges(j, rec.lineIndex()).read(inside, inside + 1);
            assertEquals(List.of(new LineRange.Gap(inside, inside + 1)), one.gaps());
            assertTrue(one.lines().isEmpty());
        }
    }

    @Test
    void aRangeStopsAfterTheLineThatPassesItsBudgetOfBytes() {
        try (Journal j = new Journal(JournalConfig.inMemory(100_000))) {
            Recorder rec = new Recorder(j);
            print(rec.lines(EventTypes.STDOUT), 1, 1000);
            int payload = j.append("stdout", new Payloads().line(1, System.currentTimeMillis(), "line 1", false, false)).payload().length;
            LineRange r = new LineRanges(j, rec.lineIndex()).read(1, 1000, 5L * payload);
            assertEquals(r.to(), r.lines().size());
            assertEquals(5, r.to(), "five payloads of 'line N' fit, a sixth would pass the budget");
        }
    }

    @Test
    void anIndexBuiltFromAJournalReadsTheSameRangesAsTheLiveOne() {
        try (Journal j = new Journal(new JournalConfig(100, 1 << 20, dir, 1L << 30))) {
            Recorder rec = new Recorder(j);
            Recorder.StreamLines out = rec.lines(EventTypes.STDOUT);
            Recorder.StreamLines err = rec.lines(EventTypes.STDERR);
            err.line("Password: ", true, false);
            print(out, 2, 2 * LineIndex.LOOKAHEAD);
            err.line("Password: ok", false, false);
            print(out, 2 * LineIndex.LOOKAHEAD + 2, 3000 + 2 * LineIndex.LOOKAHEAD);
            LineRanges live = new LineRanges(j, rec.lineIndex());
            LineRanges built = new LineRanges(j, LineIndex.of(j));
            for (long from : new long[] {1, 255, 256, 257, 2 * LineIndex.LOOKAHEAD, 10_000}) {
                assertEquals(live.read(from, from + 300).lines(), built.read(from, from + 300).lines(), "from " + from);
            }
            assertEquals("Password: ok", built.read(1, 1).lines().get(0).text());
        }
    }
}
