package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LineScan gives, line by line, what LineRanges.read gives for the same lines: the final version
 * of each, and the same lines named as gaps, whether the events are in memory, in the spill file
 * or in a saved run, across read-buffer refills, records larger than the buffer, partial lines
 * (where it stops and the range read takes over), escapes, text beyond ASCII and bytes that are
 * not UTF-8.
 */
class LineScanTest {
    @TempDir
    Path dir;

    /** Each line as "N id text", each gap as "gap F-T": what a reader of the whole run sees. */
    private static List<String> byRanges(LineRanges ranges, long from, long to) {
        List<String> out = new ArrayList<>();
        long at = from;
        long end = Math.min(to, ranges.lines());
        while (at <= end) {
            LineRange r = ranges.read(at, end);
            List<String> lines = new ArrayList<>();
            r.lines().forEach(l -> lines.add(l.line() + " " + l.id() + " " + l.text()));
            // gaps and lines in line order, as a scan meets them
            int li = 0;
            for (LineRange.Gap g : r.gaps()) {
                while (li < lines.size() && Long.parseLong(lines.get(li).split(" ")[0]) < g.from()) {
                    out.add(lines.get(li++));
                }
                out.add("gap " + g.from() + "-" + g.to());
            }
            out.addAll(lines.subList(li, lines.size()));
            at = r.to() + 1;
        }
        return merged(out);
    }

    /** The same through LineScan, going on with LineRanges.read past each partial line, as a search does. */
    private static List<String> byScan(LineRanges ranges, long from, long to) {
        List<String> out = new ArrayList<>();
        long end = Math.min(to, ranges.lines());
        long done = from - 1;
        int[] partialStops = {0};
        while (done < end) {
            long through = LineScan.scan(ranges, done + 1, end, new LineScan.Lines() {
                @Override
                public boolean line(long id, String type, long line, byte[] b, int off, int len) {
                    LineEvent l = LineEvent.of(new Event(id, type, Arrays.copyOfRange(b, off, off + len)));
                    out.add(line + " " + id + " " + l.text());
                    return true;
                }

                @Override
                public void gap(long f, long t) {
                    out.add("gap " + f + "-" + t);
                }
            });
            done = through;
            if (done < end) {
                partialStops[0]++;
                List<String> one = byRanges(ranges, done + 1, done + 1);
                out.addAll(one);
                done++;
            }
        }
        return merged(out);
    }

    /** Equal lists, or a failure that names the first line where they differ (a whole run is too long to show). */
    private static void assertSameLines(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertEquals(cut(expected.get(i)), cut(actual.get(i)), what + ", entry " + i);
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": entries");
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + ")" : s;
    }

    /** Adjacent gaps joined: where a read ends does not change what is missing. */
    private static List<String> merged(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String s : in) {
            if (s.startsWith("gap ") && !out.isEmpty() && out.get(out.size() - 1).startsWith("gap ")) {
                String[] last = out.get(out.size() - 1).substring(4).split("-");
                String[] now = s.substring(4).split("-");
                if (Long.parseLong(last[1]) + 1 == Long.parseLong(now[0])) {
                    out.set(out.size() - 1, "gap " + last[0] + "-" + now[1]);
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Lines of every kind the scan must give as the range read does, some partial, one far from its start. */
    private static void print(Recorder rec, int n) {
        Recorder.StreamLines out = rec.lines(EventTypes.STDOUT);
        Recorder.StreamLines err = rec.lines(EventTypes.STDERR);
        byte[] invalid = {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xc3, ' ', 'N', 'e', 'e', 'd', 'l', 'e'};
        for (int i = 1; i <= n; i++) {
            switch (i % 17) {
                case 3 -> out.line("\u001b[31mNee\u001b[1mdle\u001b[0m " + i);
                case 5 -> out.line("Caf\u00c9 caf\u00e9 " + i);
                case 7 -> out.line(invalid, 0, invalid.length, false);
                case 9 -> {
                    out.line("progress 10% " + i, true, false);
                    err.line("warning " + i);
                    out.line("progress 100% " + i, false, false);
                }
                case 11 -> out.line("tab\there \"quoted\" \\ " + i);
                case 13 -> out.line(("long " + i + " ").repeat(i / 17 % 20 == 0 ? 12_000 : 3));
                default -> out.line("line " + i);
            }
            if (i == n / 2) { // a line open while more than LineIndex.LOOKAHEAD events go by
                out.line("far 1%", true, false);
                for (int k = 0; k < 5000; k++) {
                    err.line("meanwhile " + k);
                }
                out.line("far 100%", false, false);
            }
        }
        out.line("a partial last line", true, false);
    }

    @Test
    void aScanGivesWhatTheRangeReadGivesFromMemoryAndTheSpillFile() {
        try (Journal j = new Journal(new JournalConfig(500, 1 << 20, dir, 1L << 30))) {
            Recorder rec = new Recorder(j);
            rec.start(new StartInfo(List.of("x"), "/", "h", 1L, null, false));
            print(rec, 30_000);
            assertTrue(j.oldestInMemory() > 30_000, "most of the run is in the spill file");
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            List<String> expected = byRanges(ranges, 1, Long.MAX_VALUE);
            assertSameLines(expected, byScan(ranges, 1, Long.MAX_VALUE), "the whole run");
            assertTrue(expected.get(expected.size() - 1).endsWith("a partial last line"), expected.get(expected.size() - 1));
            for (long from : new long[] {2, 255, 256, 257, 9_999, 29_990}) {
                assertSameLines(byRanges(ranges, from, from + 3000), byScan(ranges, from, from + 3000), "from " + from);
            }
        }
    }

    @Test
    void linesNoLongerKeptAreTheSameGapsInAScan() {
        // A spill file of 256 KiB: most of the run is dropped, and a gap stands for it.
        try (Journal j = new Journal(new JournalConfig(500, 1 << 20, dir, 256 * 1024))) {
            Recorder rec = new Recorder(j);
            rec.start(new StartInfo(List.of("x"), "/", "h", 1L, null, false));
            print(rec, 30_000);
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            List<String> expected = byRanges(ranges, 1, Long.MAX_VALUE);
            assertTrue(expected.stream().anyMatch(s -> s.startsWith("gap ")), "a gap");
            assertSameLines(expected, byScan(ranges, 1, Long.MAX_VALUE), "the whole run");
        }
    }

    @Test
    void aSavedRunIsScannedFromItsJournalFileAsItIsReadByRange() throws IOException {
        Path runDir = dir.resolve("run");
        RunDirectory rd = RunDirectory.create(runDir);
        try (Journal journal = new Journal(new JournalConfig(100, 64 * 1024, null, 0), notice -> { }, rd)) {
            Recorder rec = new Recorder(journal);
            new RunSaver(rd, rec, notice -> { });
            rec.start(new StartInfo(List.of("x"), "/", "h", 1L, null, false));
            print(rec, 20_000);
            rec.exit(ExitStatus.fromProcess(0));
        }
        try (SavedRun saved = SavedRun.open(runDir)) {
            LineRanges ranges = new LineRanges(saved.journal(), saved.lineIndex());
            List<String> expected = byRanges(ranges, 1, Long.MAX_VALUE);
            assertSameLines(expected, byScan(ranges, 1, Long.MAX_VALUE), "the whole run");
            assertTrue(expected.stream().anyMatch(s -> s.contains("bad \ufffd")), "invalid bytes are read as U+FFFD");
        }
    }

    @Test
    void aScanStopsAtTheLineItsReaderStopsAtAndBeforeAPartialLine() {
        try (Journal j = new Journal(new JournalConfig(16, 1 << 20, dir, 1L << 30))) {
            Recorder rec = new Recorder(j);
            Recorder.StreamLines out = rec.lines(EventTypes.STDOUT);
            for (int i = 1; i <= 1000; i++) {
                out.line("line " + i);
            }
            out.line("50%", true, false);
            out.line("done");
            LineRanges ranges = new LineRanges(j, rec.lineIndex());
            List<Long> seen = new ArrayList<>();
            long[] stopAt = {500};
            LineScan.Lines until = new LineScan.Lines() {
                @Override
                public boolean line(long id, String type, long line, byte[] b, int off, int len) {
                    seen.add(line);
                    return line < stopAt[0];
                }

                @Override
                public void gap(long from, long to) {
                    throw new AssertionError("no gap");
                }
            };
            assertEquals(500, LineScan.scan(ranges, 1, 2000, until));
            assertEquals(500, seen.size());
            seen.clear();
            stopAt[0] = Long.MAX_VALUE;
            assertEquals(1000, LineScan.scan(ranges, 600, 2000, until), "stops before line 1001, which is partial");
            assertEquals(401, seen.size());
            assertEquals("done", ranges.read(1001, 1001).lines().get(0).text(), "read by range, it is whole");
        }
    }

    @Test
    void aPayloadIsCheckedForPlainTextInPlace() {
        Payloads payloads = new Payloads();
        byte[] p = payloads.line(12, 34, "plain text", false, false);
        byte[] framed = new byte[p.length + 20];
        System.arraycopy(p, 0, framed, 7, p.length);
        long at = LineBytes.plainText(framed, 7, p.length);
        assertEquals("plain text", new String(framed, (int) (at >>> 32), (int) at - (int) (at >>> 32), StandardCharsets.US_ASCII));
        assertEquals(12, LineBytes.lineNumber(framed, 7, p.length));
        assertEquals(0, LineBytes.partial(framed, 7, p.length));
        byte[] partial = payloads.line(12, 34, "x", true, false);
        assertEquals(1, LineBytes.partial(partial, 0, partial.length));
        for (String notPlain : new String[] {"a \u001b[1mbold", "tab\there", "caf\u00e9", "del\u007f", "quote\" in it", "0123456789abcdef\\"}) {
            byte[] q = payloads.line(3, 4, notPlain, false, false);
            assertEquals(-1, LineBytes.plainText(q, 0, q.length), notPlain);
        }
        byte[] empty = payloads.line(1, 1, "", false, false);
        assertEquals(-1, LineBytes.plainText(empty, 0, empty.length - 1), "cut short: no closing quote");
    }
}
