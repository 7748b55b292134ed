package org.ssewatch.share.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.jobs.Job;
import org.ssewatch.share.jobs.Jobs;

/**
 * {@code --max-disk} with real runs and small sizes: the oldest finished runs go first; with only
 * running runs over the cap, starts are refused and the running run's journal is still written in full.
 */
@Timeout(120)
class DiskCapIT {
    @TempDir
    Path tmp;
    private static final String FULL = "the runs hold [0-9.]+ [KMG]B, over the server's --max-disk of [0-9.]+ KB, "
            + "and no finished run is left to remove";
    private final List<String> notices = new CopyOnWriteArrayList<>();

    private Jobs jobs() throws Exception {
        // Prints {lines} lines, waits for {first}, prints as many again, waits for {second}.
        Path script = tmp.resolve("print-and-wait");
        Files.writeString(script, "#!/bin/sh\nseq 1 \"$1\"\nwhile [ ! -e \"$2\" ]; do sleep 0.02; done\n"
                + "seq 1 \"$1\"\nwhile [ ! -e \"$3\" ]; do sleep 0.02; done\necho done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path file = Files.writeString(tmp.resolve("jobs.yaml"), """
                jobs:
                  print:
                    command: ["./print-and-wait", "{lines}", "{first}", "{second}"]
                    params:
                      lines: {type: int}
                      first: {type: string}
                      second: {type: string}
                    concurrency: 4
                """);
        return Jobs.load(file);
    }

    private JobLauncher launcher(RunStore store, long maxDisk) {
        return new JobLauncher(store, new HubLimits(4, Duration.ofMillis(300), JournalConfig.inMemory(1000),
                new Retention(Optional.empty(), 0, maxDisk)), notices::add);
    }

    private HubRun start(JobLauncher launcher, Job job, int lines, Path first, Path second) throws Exception {
        return launcher.start(job, job.invoke(Map.of("lines", lines, "first", first.toString(), "second", second.toString())),
                "alice", null);
    }

    private static void ended(HubRun run) throws InterruptedException {
        while (run.running()) {
            Thread.sleep(10);
        }
    }

    /** Waits until the run has journaled {@code lines} stdout lines; the test's timeout bounds it. */
    private static void printed(HubRun run, long lines) throws Exception {
        while (run.run().lineCount(EventTypes.STDOUT) < lines) {
            Thread.sleep(10);
        }
    }

    /** The stdout events in the run's saved journal on disk now, read one by one. */
    private static long savedLines(HubRun run) throws Exception {
        try (SavedRun onDisk = SavedRun.open(run.dir())) {
            long[] lines = {0};
            long cursor = 0;
            for (long next; (next = onDisk.journal().read(cursor, 4096, 1 << 20,
                    e -> lines[0] += EventTypes.STDOUT.equals(e.type()) ? 1 : 0)) != cursor; ) {
                cursor = next;
            }
            return lines[0];
        }
    }

    @Test
    void theOldestFinishedRunsGoFirstThenStartsAreRefusedWhileTheRunningRunWritesOnInFull() throws Exception {
        Job job = jobs().job("print").orElseThrow();
        Path now = Files.createFile(tmp.resolve("now"));
        HubRun a;
        HubRun b;
        HubRun c;
        try (JobLauncher launcher = launcher(RunStore.open(tmp.resolve("data"), notices::add), 0)) {
            a = start(launcher, job, 10, now, now);
            ended(a);
            b = start(launcher, job, 10, now, now);
            ended(b);
            c = start(launcher, job, 10, now, now);
            ended(c);
        }
        long kept = DiskUsage.of(b.dir()) + DiskUsage.of(c.dir());
        assertTrue(kept > 0);
        RunStore store = RunStore.open(tmp.resolve("data"), notices::add);
        long cap = kept + DiskUsage.of(a.dir()) / 2; // room for two of the three small runs
        try (JobLauncher launcher = launcher(store, cap)) {
            assertEquals(List.of(c.id(), b.id()), store.list().stream().map(HubRun::id).toList(), "the oldest went at start");
            assertFalse(Files.exists(a.dir()));
            assertTrue(notices.stream().anyMatch(n -> n.startsWith("removed run " + a.id() + " (")), notices.toString());
            assertNull(launcher.diskFull());

            Path first = tmp.resolve("first");
            Path second = tmp.resolve("second");
            HubRun big = start(launcher, job, 20_000, first, second); // ~150 KB of journal: alone over the cap
            printed(big, 20_000);
            while (DiskUsage.of(big.dir()) <= cap) {
                Thread.sleep(10); // the saved journal is written behind, every few ms
            }
            LaunchRefusedException refused = assertThrows(LaunchRefusedException.class,
                    () -> start(launcher, job, 1, now, now));
            assertEquals(LaunchRefusedException.Limit.DISK, refused.limit());
            assertTrue(refused.getMessage().matches(FULL), refused.getMessage());
            assertEquals(List.of(big.id()), store.list().stream().map(HubRun::id).toList(),
                    "the finished runs were removed to make room, in vain");
            assertTrue(String.valueOf(launcher.diskFull()).matches(FULL), "api/jobs says it too");
            assertTrue(big.running(), "the running run is not stopped");

            Files.createFile(first);
            printed(big, 40_000);
            while (savedLines(big) < 40_000) {
                Thread.sleep(10); // written behind: the test's timeout says if it never gets there
            }
            assertEquals(40_000, savedLines(big), "its journal is written in full past the cap");
            Files.createFile(second);
            ended(big);
            while (notices.stream().noneMatch(n -> n.startsWith("removed run " + big.id() + " ("))) {
                Thread.sleep(10); // removed, and said, just after its end is listed: it alone is over the cap
            }
            assertTrue(store.find(big.id()).isEmpty());
            assertFalse(Files.exists(big.dir()));
            assertNull(launcher.diskFull(), "room again");
            HubRun next = start(launcher, job, 1, now, now);
            ended(next);
            assertEquals(List.of(next.id()), store.list().stream().map(HubRun::id).toList());
        }
    }
}
