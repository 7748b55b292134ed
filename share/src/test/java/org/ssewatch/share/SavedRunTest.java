package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run saved through the journal, and opened again from its directory as {@code show} does. */
class SavedRunTest {
    @TempDir
    Path tmp;

    /** 100 events in memory: nearly everything is read back from the saved journal. */
    private static final JournalConfig SMALL = new JournalConfig(100, 64 * 1024, null, 0);

    private static List<Event> readAll(ReadableJournal j) {
        List<Event> out = new ArrayList<>();
        long cursor = 0;
        while (true) {
            long next = j.read(cursor, 1000, Long.MAX_VALUE, out::add);
            if (next == cursor) {
                return out;
            }
            cursor = next;
        }
    }

    /** Saves a run of {@code lines} lines (and one line larger than the write buffer) into a new directory. */
    private Path save(int lines, boolean exit, List<Event> live) throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory runDir = RunDirectory.create(dir);
        try (Journal journal = new Journal(SMALL, notice -> { }, runDir)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(runDir, recorder, notice -> { });
            recorder.start(new StartInfo(List.of("make", "-j8"), "/src", "box", 42L, "Build", false));
            Recorder.StreamLines out = recorder.lines(EventTypes.STDOUT);
            for (int i = 1; i <= lines; i++) {
                out.line("line " + i);
                if (i == lines / 2) {
                    out.line("x".repeat(300_000));
                    recorder.lines(EventTypes.STDERR).line("a warning");
                }
            }
            if (exit) {
                recorder.exit(ExitStatus.fromProcess(3));
            }
            if (live != null) {
                live.addAll(readAll(journal));
            }
        }
        return dir;
    }

    @Test
    void aSavedRunGivesBackEveryEventWithItsIdTypeAndPayloadBytesAndHowItEnded() throws IOException {
        List<Event> live = new ArrayList<>();
        Path dir = save(5000, true, live);
        try (SavedRun run = SavedRun.open(dir)) {
            List<Event> saved = readAll(run.journal());
            assertEquals(live.size(), saved.size());
            for (int i = 0; i < live.size(); i++) {
                assertEquals(live.get(i).id(), saved.get(i).id());
                assertEquals(live.get(i).type(), saved.get(i).type());
                assertArrayEquals(live.get(i).payload(), saved.get(i).payload(), "event " + live.get(i).id());
            }
            assertEquals(EventTypes.EXIT, saved.get(saved.size() - 1).type());
            assertEquals(ExitStatus.fromProcess(3), run.exitStatus());
            assertTrue(run.journal().isComplete());
            assertEquals(5001, run.lineCount(EventTypes.STDOUT));
            assertEquals(List.of("make", "-j8"), run.startInfo().command());
            assertNull(run.notice());
            assertTrue(new String(Payloads.status(run, 0), StandardCharsets.UTF_8).startsWith("{\"state\":\"exited\""));
        }
    }

    @Test
    void theMetadataIsWrittenAtTheStartAndAgainAtTheEndWithTheExit() throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory runDir = RunDirectory.create(dir);
        try (Journal journal = new Journal(SMALL, notice -> { }, runDir)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(runDir, recorder, notice -> { });
            recorder.start(new StartInfo(List.of(), "/src", "box", null, null, false));
            String atStart = Files.readString(dir.resolve("run.json"));
            assertTrue(atStart.startsWith("{\"format\":1,\"command\":[],\"cwd\":\"/src\",\"host\":\"box\",\"pid\":null,"
                    + "\"title\":null,\"mode\":\"pipe\",\"pty\":false,"), atStart);
            assertTrue(atStart.contains("\"ended\":null,\"exit\":null"), atStart);
            assertTrue(atStart.contains("\"startedBy\":{\"user\":\"" + System.getProperty("user.name") + "\""), atStart);
            recorder.lines(EventTypes.STDIN).line("hello");
            recorder.exit(ExitStatus.endOfInput());
            String atEnd = Files.readString(dir.resolve("run.json"));
            assertTrue(atEnd.contains("\"exit\":{\"status\":0,\"code\":0,\"signal\":null,\"reason\":\"eof\",\"message\":null}"), atEnd);
            assertTrue(atEnd.contains("\"lines\":{\"stdout\":0,\"stderr\":0,\"stdin\":1}"), atEnd);
            assertTrue(atEnd.contains("\"journal\":{\"file\":\"events.journal\",\"format\":1,\"complete\":true,\"problem\":null,"
                    + "\"lastId\":3}"), atEnd);
            assertTrue(Files.size(dir.resolve(RunDirectory.RESERVE)) >= 4096, "room kept for the next metadata");
        }
    }

    @Test
    void aRunWithoutAnExitEventIsInterruptedAndEndsWithAnExitEventOfItsOwnAfterItsLastEvent() throws IOException {
        Path dir = save(1000, false, null);
        try (SavedRun run = SavedRun.open(dir)) {
            assertTrue(run.interrupted());
            List<Event> saved = readAll(run.journal());
            Event last = saved.get(saved.size() - 1);
            Event before = saved.get(saved.size() - 2);
            assertEquals(before.id() + 1, last.id());
            assertEquals(EventTypes.EXIT, last.type());
            String time = before.payloadJson().replaceAll(".*\"time\":(\\d+).*", "$1");
            assertTrue(last.payloadJson().matches("\\{\"time\":" + time + ",\"code\":null,\"signal\":null,\"status\":125,"
                    + "\"duration\":\\d+,\"reason\":\"interrupted\",\"message\":\"ssewatch stopped before the run ended; "
                    + "its output up to then was saved\"}"), last.payloadJson());
            assertTrue(before.payloadJson().contains("\"text\":\"line 1000\""), before.payloadJson());
            assertTrue(new String(Payloads.status(run, 0), StandardCharsets.UTF_8).startsWith("{\"state\":\"interrupted\""));
            // The metadata has no line counts (they are written at the end): they are counted from the journal.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (run.lineCount(EventTypes.STDOUT) < 1001 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1001, run.lineCount(EventTypes.STDOUT));
            assertEquals(1, run.lineCount(EventTypes.STDERR));
        }
    }

    @Test
    void aTornLastRecordIsLeftOutAndReportedAndTheRunEndsAtTheLastWholeEvent() throws IOException {
        Path dir = save(1000, false, null);
        Path journal = dir.resolve(RunDirectory.JOURNAL);
        long whole = Files.size(journal);
        try (FileChannel c = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            c.truncate(whole - 5); // the last record cut short, as a write a crash interrupted
        }
        try (SavedRun run = SavedRun.open(dir)) {
            List<Event> saved = readAll(run.journal());
            assertTrue(saved.get(saved.size() - 2).payloadJson().contains("\"text\":\"line 999\""));
            assertEquals("interrupted", saved.get(saved.size() - 1).payloadJson().replaceAll(".*\"reason\":\"(\\w+)\".*", "$1"));
            assertTrue(run.notice().matches("events.journal ends with \\d+ bytes that are not a whole event .*"), run.notice());
        }
    }

    @Test
    void aLastRecordThatDoesNotMatchItsChecksumIsLeftOutAndTheExitRebuiltFromTheMetadataToTheSameBytes() throws IOException {
        List<Event> live = new ArrayList<>();
        Path dir = save(1000, true, live);
        Path journal = dir.resolve(RunDirectory.JOURNAL);
        try (FileChannel c = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(new byte[] {'#'}), c.size() - 3); // inside the exit event's payload
        }
        try (SavedRun run = SavedRun.open(dir)) {
            assertTrue(run.notice() != null, "the damaged record is reported");
            assertFalse(run.interrupted(), "run.json says how the run ended");
            List<Event> saved = readAll(run.journal());
            assertEquals(live.size(), saved.size());
            Event exit = saved.get(saved.size() - 1);
            assertEquals(live.get(live.size() - 1).id(), exit.id());
            assertArrayEquals(live.get(live.size() - 1).payload(), exit.payload());
        }
        Path metadata = dir.resolve(RunDirectory.METADATA);
        Files.writeString(metadata, Files.readString(metadata).replaceAll("\"exit\":\\{[^}]*}", "\"exit\":null"));
        try (SavedRun run = SavedRun.open(dir)) {
            assertTrue(run.interrupted(), "with neither an exit event nor an exit in run.json, it was interrupted");
        }
    }

    @Test
    void aRecordDamagedInsideTheJournalIsOneGapToTheEndAndSaidOnceAndTheRunStillEndsWithItsExit() throws IOException {
        Path dir = save(2000, true, null);
        Path journal = dir.resolve(RunDirectory.JOURNAL);
        byte[] bytes = Files.readAllBytes(journal);
        int at = Bytes.indexOf(bytes, "\"text\":\"line 100\"".getBytes(StandardCharsets.UTF_8));
        try (FileChannel c = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(new byte[] {'#'}), at + 9); // as a disk that garbled it after it was written
        }
        List<String> notices = new ArrayList<>();
        try (SavedRun run = SavedRun.open(dir, notices::add)) {
            assertNull(run.notice(), "the end of the journal is whole");
            List<Event> saved = readAll(run.journal());
            Event gap = saved.get(100);
            assertEquals("gap", gap.type());
            assertEquals("{\"from\":101,\"to\":2003}", gap.payloadJson(), "from the damaged event to the one before the exit");
            assertEquals(EventTypes.EXIT, saved.get(101).type());
            assertEquals(2004, saved.get(101).id());
            assertEquals(102, saved.size());
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).matches("the saved journal .* could not be read \\(its record at byte \\d+ does not match "
                    + "its checksum\\): events 101-2004 are lost, viewers are shown a gap there"), notices.get(0));
        }
    }

    @Test
    void openingARunReadsItsIndexAndTheRecordsAfterItsLastEntryNotTheWholeJournal() throws IOException {
        Path dir = save(100_000, true, null);
        try (SavedRun run = SavedRun.open(dir)) {
            assertTrue(run.recordsReadToOpen() <= SparseIndex.EVERY, run.recordsReadToOpen() + " records read to open");
            assertEquals(100_004, run.journal().lastId());
            List<Event> from = new ArrayList<>();
            run.journal().read(77_776, 2, Long.MAX_VALUE, from::add);
            assertEquals("{\"line\":77776,", from.get(0).payloadJson().substring(0, 14));
        }
    }

    @Test
    void anIndexThatIsBehindOrMissingIsMadeUpForByReadingTheJournal() throws IOException {
        Path dir = save(10_000, true, null);
        Path index = dir.resolve(RunDirectory.INDEX);
        try (FileChannel c = FileChannel.open(index, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 2 + 3); // behind the journal, and its last entry torn
        }
        try (SavedRun run = SavedRun.open(dir)) {
            assertTrue(run.recordsReadToOpen() > 4000, "read from the index's last whole entry on");
            assertEquals(10_004, readAll(run.journal()).size());
        }
        Files.delete(index);
        try (SavedRun run = SavedRun.open(dir)) {
            assertEquals(10_004, readAll(run.journal()).size());
            assertEquals(ExitStatus.fromProcess(3), run.exitStatus());
        }
    }

    @Test
    void formatVersionsThisSsewatchDoesNotReadAreRefusedSayingWhich() throws IOException {
        Path dir = save(10, true, null);
        Path metadata = dir.resolve(RunDirectory.METADATA);
        String json = Files.readString(metadata);
        Files.writeString(metadata, json.replace("{\"format\":1,", "{\"format\":2,"));
        assertEquals("run.json: it is in run format 2, and this ssewatch reads format 1 only",
                assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage());
        Files.writeString(metadata, json);
        try (FileChannel c = FileChannel.open(dir.resolve(RunDirectory.JOURNAL), StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(4).putInt(0, 7), 8);
        }
        assertEquals("events.journal: it is in journal format 7, and this ssewatch reads format 1 only",
                assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage());
    }

    @Test
    void whatIsNotASavedRunIsRefusedSayingWhy() throws IOException {
        assertEquals("no such directory", assertThrows(IOException.class, () -> SavedRun.open(tmp.resolve("none"))).getMessage());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals("not a directory", assertThrows(IOException.class, () -> SavedRun.open(file)).getMessage());
        assertEquals("not a saved run (it has no run.json)", assertThrows(IOException.class, () -> SavedRun.open(tmp)).getMessage());
        Path dir = save(10, true, null);
        Files.writeString(dir.resolve(RunDirectory.METADATA), "{\"format\":");
        assertEquals("run.json: it is not valid JSON", assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage());
        Files.writeString(dir.resolve(RunDirectory.METADATA), "{\"format\":1}");
        assertTrue(assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage()
                .startsWith("run.json: a field is missing or of the wrong type"));
    }

    @Test
    void aJournalFileThatIsNotOneIsRefused() throws IOException {
        Path dir = save(10, true, null);
        Files.writeString(dir.resolve(RunDirectory.JOURNAL), "hello, this is text and no journal");
        assertEquals("events.journal: it is not an ssewatch journal file",
                assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage());
        Files.delete(dir.resolve(RunDirectory.JOURNAL));
        assertEquals("not a saved run (it has no events.journal)",
                assertThrows(IOException.class, () -> SavedRun.open(dir)).getMessage());
    }

    @Test
    void aRunIsNeverSavedOverAnotherOrAmongOtherFiles() throws IOException {
        Path dir = save(10, true, null);
        assertTrue(assertThrows(IOException.class, () -> RunDirectory.create(dir)).getMessage()
                .endsWith("exists and is not an empty directory (a saved run is never overwritten)"));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(empty, RunDirectory.create(empty).dir());
    }
}
