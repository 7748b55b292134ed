package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run saved onto a real filesystem that fills up while the run goes on. */
@Timeout(120)
class SaveFullDiskIT {
    @Test
    void aDiskThatFillsUnderASavedRunIsSaidOnceTheRunGoesOnAndShowEndsItAsItEndedAfterOneGap() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(256)) {
            List<String> notices = new CopyOnWriteArrayList<>();
            Event liveExit;
            RunDirectory dir = RunDirectory.create(disk.dir().resolve("run"));
            try (Journal journal = new Journal(new JournalConfig(1000, 64 * 1024, null, 0), notices::add, dir)) {
                Recorder recorder = new Recorder(journal);
                new RunSaver(dir, recorder, notices::add);
                recorder.start(new StartInfo(List.of("fill"), "/", "box", 1L, null, false));
                Recorder.StreamLines out = recorder.lines(EventTypes.STDOUT);
                for (int i = 1; i <= 20_000; i++) {
                    out.line("line " + i + " " + "y".repeat(40));
                }
                recorder.exit(ExitStatus.fromProcess(0));
                // Live readers get the newest events from memory still, after a gap: the run went on.
                List<Event> tail = new ArrayList<>();
                journal.read(journal.lastId() - 2, 10, Long.MAX_VALUE, tail::add);
                assertEquals(EventTypes.EXIT, tail.get(tail.size() - 1).type());
                liveExit = tail.get(tail.size() - 1);
            }
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).startsWith("the saved journal " + dir.dir().resolve(RunDirectory.JOURNAL)
                    + " could not be written (No space left on device)"), notices.get(0));

            String metadata = Files.readString(dir.metadataFile());
            assertTrue(metadata.contains("\"exit\":{\"status\":0,"), "the end is recorded though the disk is full: " + metadata);
            assertTrue(metadata.contains("\"complete\":false,\"problem\":\"the saved journal "), metadata);

            try (SavedRun run = SavedRun.open(dir.dir())) {
                assertTrue(run.journalProblem().contains("No space left on device"), run.journalProblem());
                assertEquals(ExitStatus.fromProcess(0), run.exitStatus(), "the metadata knows how the run ended");
                assertTrue(!run.interrupted());
                List<Event> saved = new ArrayList<>();
                for (long c = 0, n; (n = run.journal().read(c, 1000, Long.MAX_VALUE, saved::add)) != c; c = n) {
                }
                Event gap = saved.get(saved.size() - 2);
                long kept = saved.size() - 2;
                assertTrue(kept > 100 && kept < 20_000, "saved up to where the disk filled: " + kept);
                for (int i = 0; i < kept; i++) {
                    assertEquals(i + 1, saved.get(i).id());
                }
                assertEquals("{\"from\":" + (kept + 1) + ",\"to\":" + (liveExit.id() - 1) + "}", gap.payloadJson());
                Event exit = saved.get(saved.size() - 1);
                assertEquals(liveExit.id(), exit.id());
                assertArrayEquals(liveExit.payload(), exit.payload(), "the exit event as it was live, rebuilt from run.json");
            }
        }
    }
}
