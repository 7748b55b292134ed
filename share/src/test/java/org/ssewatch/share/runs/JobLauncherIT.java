package org.ssewatch.share.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.ExitReason;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recording;
import org.ssewatch.share.Run;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.StartInfo;
import org.ssewatch.share.jobs.Job;
import org.ssewatch.share.jobs.Jobs;

/**
 * The hub's runs with real processes from a real jobs file: scripts that wait for a file the test
 * makes, so nothing depends on how fast the machine is.
 */
@Timeout(120)
class JobLauncherIT {
    @TempDir
    Path tmp;
    private Path data;
    private Jobs jobs;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void jobsFile() throws Exception {
        data = tmp.resolve("data");
        script("wait-for", "#!/bin/sh\necho \"waiting for $1\"\nwhile [ ! -e \"$1\" ]; do sleep 0.02; done\necho \"$1 is there\"\n");
        script("sleeper", "#!/bin/sh\necho sleeping\nexec sleep 600\n");
        script("leaky", "#!/bin/sh\necho 'the link is redis://:pa$$.w(rd)@cache'\necho 'pa$$.w(rd)' >&2\n");
        script("stubborn", "#!/bin/sh\ntrap '' TERM\necho stubborn\nwhile :; do sleep 0.05; done\n");
        Path file = tmp.resolve("jobs.yaml");
        Files.writeString(file, """
                jobs:
                  wait:
                    title: Wait for a file
                    command: ["./wait-for", "{file}"]
                    params:
                      file: {type: string}
                    concurrency: 3
                  sleep:
                    command: ["./sleeper"]
                    concurrency: 2
                  slow:
                    command: ["./sleeper"]
                    timeout: 500ms
                  leaky:
                    command: ["./leaky"]
                  stubborn:
                    command: ["./stubborn"]
                    timeout: 300ms
                """);
        jobs = Jobs.load(file);
    }

    private void script(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private JobLauncher launcher(RunStore store, int maxRunning, Retention retention) {
        return new JobLauncher(store, new HubLimits(maxRunning, Duration.ofMillis(300), JournalConfig.inMemory(1000),
                retention), notices::add);
    }

    private Job job(String name) {
        return jobs.job(name).orElseThrow();
    }

    private HubRun start(JobLauncher launcher, String job, Map<String, ?> params) throws Exception {
        return launcher.start(job(job), job(job).invoke(params), "alice", "192.0.2.7");
    }

    /** Waits for the run to end; the test's timeout bounds it. */
    private static RunListing ended(HubRun run) throws InterruptedException {
        while (run.running()) {
            Thread.sleep(10);
        }
        return run.listing();
    }

    @Test
    void twoRunsAtOnceOneCancelledKeepTheirStatesParametersAndPathsAfterARestart() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        HubRun waiting;
        HubRun sleeping;
        try (JobLauncher launcher = launcher(store, 4, Retention.FOREVER)) {
            Path go = tmp.resolve("go");
            waiting = start(launcher, "wait", Map.of("file", go.toString()));
            sleeping = start(launcher, "sleep", Map.of());
            assertTrue(waiting.running() && sleeping.running(), "both run at once");
            assertEquals(List.of(sleeping.id(), waiting.id()), store.list().stream().map(HubRun::id).toList(), "newest first");
            assertTrue(waiting.id().compareTo(sleeping.id()) < 0, "ids sort by start");
            assertTrue(launcher.cancel(sleeping.id(), "bob"));
            assertEquals(RunState.CANCELLED, ended(sleeping).state());
            assertEquals("SIGTERM", sleeping.listing().exit().signal(), "cancelled as Ctrl-C ends a command");
            assertTrue(waiting.running(), "the other run goes on");
            assertEquals(List.of(waiting.id(), sleeping.id()), store.list().stream().map(HubRun::id).toList(), "running first");
            Files.createFile(go);
            assertEquals(RunState.SUCCEEDED, ended(waiting).state());
            assertFalse(launcher.cancel(waiting.id(), "bob"), "a finished run cannot be cancelled");
            assertFalse(launcher.cancel("20260101-000000-000-aaaa", "bob"), "nor one that does not exist");
        }
        RunStore again = RunStore.open(data, notices::add);
        HubRun w = again.find(waiting.id()).orElseThrow();
        HubRun s = again.find(sleeping.id()).orElseThrow();
        assertEquals(waiting.dir(), w.dir(), "the same path after the restart");
        assertEquals(RunState.SUCCEEDED, w.listing().state());
        assertEquals(RunState.CANCELLED, s.listing().state());
        assertEquals(Map.of("file", tmp.resolve("go").toString()), w.launch().params());
        assertEquals("wait", w.launch().job());
        assertEquals("alice", w.launch().operator());
        assertEquals("192.0.2.7", w.launch().remote());
        assertEquals(waiting.listing().startedAt(), w.listing().startedAt());
        assertEquals(waiting.listing().endedAt(), w.listing().endedAt());
        Run saved = w.run();
        assertEquals(2, saved.lineCount("stdout"), "its output is served from disk");
        assertEquals("Wait for a file", saved.startInfo().title());
        assertEquals(List.of("./wait-for", tmp.resolve("go").toString()), saved.startInfo().command());
        assertEquals(Stop("cancelled", "bob"), SavedRun.metadata(s.dir()).stop(), "who cancelled it is saved");
        again.closeAll();
        assertEquals(List.of(), notices);
    }

    private static org.ssewatch.share.Stop Stop(String reason, String operator) {
        return new org.ssewatch.share.Stop(reason, operator);
    }

    @Test
    void runsStillRunningWhenTheServerStopsAreEndedAndShownInterrupted() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        HubRun sleeping;
        try (JobLauncher launcher = launcher(store, 4, Retention.FOREVER)) {
            sleeping = start(launcher, "sleep", Map.of());
        }
        assertEquals(RunState.INTERRUPTED, sleeping.listing().state());
        assertEquals("SIGTERM", sleeping.listing().exit().signal());
        RunStore again = RunStore.open(data, notices::add);
        assertEquals(RunState.INTERRUPTED, again.find(sleeping.id()).orElseThrow().listing().state());
        again.closeAll();
    }

    @Test
    void aRunWithoutAnEndOnDiskIsListedInterruptedAndServedWithItsOutputUpToThen() throws Exception {
        // What a server killed with SIGKILL leaves: run.json and a journal with a start and no exit.
        Path dir = data.resolve("runs").resolve("20261201-101010-100-abcd");
        Recording crashed = Recording.start(JournalConfig.inMemory(100), notices::add, dir,
                new org.ssewatch.share.Launch("sleep", Map.of(), "alice", null));
        crashed.recorder().start(new StartInfo(List.of("./sleeper"), tmp.toString(), "host", 42L, null, false));
        crashed.recorder().lines("stdout").line("sleeping");
        crashed.close();
        RunStore store = RunStore.open(data, notices::add);
        HubRun run = store.find("20261201-101010-100-abcd").orElseThrow();
        assertEquals(RunState.INTERRUPTED, run.listing().state());
        assertNull(run.listing().exit());
        Run served = run.run();
        assertEquals(ExitReason.INTERRUPTED, served.exitStatus().kind());
        List<String> types = new java.util.ArrayList<>();
        served.journal().read(0, 100, 1 << 20, e -> types.add(e.type() + (e.payloadJson().contains("sleeping") ? " sleeping" : "")));
        assertEquals(List.of("start", "stdout sleeping", "exit"), types, "its output up to then, and an exit saying so");
        store.closeAll();
    }

    @Test
    void theHubsOwnSecretsAreMaskedInEveryRunsOutputOnBothStreamsAndOnDisk() throws Exception {
        // serve --publish passes the quoted Redis password here; its jobs inherit it with the environment.
        RunStore store = RunStore.open(data, notices::add);
        HubRun run;
        try (JobLauncher launcher = new JobLauncher(store, new HubLimits(4, Duration.ofMillis(300),
                JournalConfig.inMemory(1000), Retention.FOREVER, List.of(java.util.regex.Pattern.quote("pa$$.w(rd)"))),
                notices::add)) {
            run = start(launcher, "leaky", Map.of());
            assertEquals(RunState.SUCCEEDED, ended(run).state());
        }
        StringBuilder all = new StringBuilder();
        run.run().journal().read(0, 100, 1 << 20, e -> all.append(e.type()).append(' ').append(e.payloadJson()).append('\n'));
        assertFalse(all.toString().contains("pa$$"), all.toString());
        assertTrue(all.toString().contains("redis://:***@cache"), all.toString());
        assertTrue(all.toString().contains("stderr"), all.toString());
        String saved = new String(Files.readAllBytes(run.dir().resolve("events.journal")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(saved.contains("pa$$"), "nor in the saved journal");
        store.closeAll();
    }

    @Test
    void aDirectoryThatIsNoRunIsSaidAndLeftAlone() throws Exception {
        Path junk = Files.createDirectories(data.resolve("runs").resolve("20261201-101010-100-zzzz"));
        Files.writeString(junk.resolve("run.json"), "not json");
        Files.createDirectories(data.resolve("runs").resolve("notes"));
        RunStore store = RunStore.open(data, notices::add);
        assertEquals(List.of(), store.list());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("run 20261201-101010-100-zzzz is not listed: "), notices.get(0));
        assertTrue(Files.exists(junk.resolve("run.json")));
    }

    @Test
    void aJobsConcurrencyIsKept() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(store, 10, Retention.FOREVER)) {
            start(launcher, "sleep", Map.of());
            start(launcher, "sleep", Map.of());
            LaunchRefusedException e = assertThrows(LaunchRefusedException.class, () -> start(launcher, "sleep", Map.of()));
            assertEquals("job sleep already has 2 runs running, its concurrency is 2", e.getMessage());
            assertEquals(2, store.list().size(), "the refused run left nothing behind");
        }
    }

    @Test
    void theServersMaxRunningIsKeptAcrossJobs() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(store, 2, Retention.FOREVER)) {
            HubRun first = start(launcher, "sleep", Map.of());
            start(launcher, "wait", Map.of("file", tmp.resolve("never").toString()));
            LaunchRefusedException e = assertThrows(LaunchRefusedException.class,
                    () -> start(launcher, "wait", Map.of("file", tmp.resolve("never").toString())));
            assertEquals("2 runs are running, the server's --max-running is 2", e.getMessage());
            launcher.cancel(first.id(), null);
            ended(first);
            assertTrue(start(launcher, "wait", Map.of("file", tmp.resolve("never").toString())).running(),
                    "a place freed is taken");
        }
    }

    @Test
    void aTimeoutEndsTheRunWithSigterm() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(store, 2, Retention.FOREVER)) {
            RunListing slow = ended(start(launcher, "slow", Map.of()));
            assertEquals(RunState.TIMED_OUT, slow.state());
            assertEquals("SIGTERM", slow.exit().signal());
        }
    }

    @Test
    void aRunThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(store, 2, Retention.FOREVER)) {
            RunListing stubborn = ended(start(launcher, "stubborn", Map.of()));
            assertEquals(RunState.TIMED_OUT, stubborn.state());
            assertEquals("SIGKILL", stubborn.exit().signal());
        }
    }

    @Test
    void keepRunsRemovesTheOldestFinishedRunsAfterEachEndAndAtStart() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        HubRun first;
        HubRun second;
        HubRun third;
        try (JobLauncher launcher = launcher(store, 4, Retention.FOREVER)) {
            first = start(launcher, "wait", Map.of("file", tmp.toString()));
            ended(first);
            second = start(launcher, "wait", Map.of("file", tmp.toString()));
            ended(second);
            third = start(launcher, "wait", Map.of("file", tmp.toString()));
            ended(third);
        }
        RunStore again = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(again, 4, new Retention(Optional.empty(), 2, 0))) {
            assertEquals(List.of(third.id(), second.id()), again.list().stream().map(HubRun::id).toList(), "at start");
            assertFalse(Files.exists(first.dir()), "its directory is gone");
            HubRun running = start(launcher, "sleep", Map.of());
            HubRun fourth = start(launcher, "wait", Map.of("file", tmp.toString()));
            ended(fourth);
            while (again.find(second.id()).isPresent()) {
                Thread.sleep(10); // removed just after the end is listed
            }
            assertEquals(List.of(running.id(), fourth.id(), third.id()), again.list().stream().map(HubRun::id).toList(),
                    "a running run is never removed, nor counted");
        }
    }

    @Test
    void keepRemovesFinishedRunsOlderThanItSays() throws Exception {
        RunStore store = RunStore.open(data, notices::add);
        HubRun done;
        try (JobLauncher launcher = launcher(store, 4, Retention.FOREVER)) {
            done = start(launcher, "wait", Map.of("file", tmp.toString()));
            ended(done);
        }
        Thread.sleep(5); // the run is then more than 1ms old, whatever the clock's resolution
        RunStore again = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(again, 4, new Retention(Optional.of(Duration.ofMillis(1)), 0, 0))) {
            assertEquals(List.of(), again.list());
            assertFalse(Files.exists(done.dir()));
        }
    }

    @Test
    void aProgramThatCannotStartIsAFailedRunWithItsReason() throws Exception {
        Files.delete(tmp.resolve("sleeper"));
        RunStore store = RunStore.open(data, notices::add);
        try (JobLauncher launcher = launcher(store, 2, Retention.FOREVER)) {
            RunListing gone = ended(start(launcher, "sleep", Map.of()));
            assertEquals(RunState.FAILED, gone.state());
            assertNotNull(gone.exit().message());
            assertEquals(ExitReason.NOT_FOUND, gone.exit().kind());
        }
    }
}
