package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandRunnerIT {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    record Run(ExitStatus status, List<Event> events) {
        List<String> texts(String type) {
            return events.stream().filter(e -> e.type().equals(type))
                    .map(e -> json(e)).filter(j -> !j.has("partial"))
                    .map(j -> j.get("text").getAsString()).toList();
        }

        JsonObject last() {
            return json(events.get(events.size() - 1));
        }
    }

    static JsonObject json(Event e) {
        return JsonParser.parseString(e.payloadJson()).getAsJsonObject();
    }

    private Run run(RunConfig config) {
        Journal journal = new Journal(new JournalConfig(1000, 1 << 24, dir, 1L << 32));
        Recorder recorder = new Recorder(journal);
        ExitStatus status = new CommandRunner(config, recorder, out, err).run();
        List<Event> events = new ArrayList<>();
        long cursor = 0;
        while (true) {
            long next = journal.read(cursor, 10_000, Long.MAX_VALUE, events::add);
            if (next == cursor) {
                break;
            }
            cursor = next;
        }
        journal.close();
        return new Run(status, events);
    }

    private Run run(String... steps) {
        return run(RunConfig.of(TestChild.command(steps)));
    }

    @Test
    void theJournalStartsWithStartAndEndsWithExit() {
        Run r = run("out:hello\\n", "exit:3");
        assertEquals("start", r.events.get(0).type());
        JsonObject start = json(r.events.get(0));
        assertTrue(start.get("pid").getAsLong() > 0);
        assertEquals("command", start.get("mode").getAsString());
        assertEquals("exit", r.events.get(r.events.size() - 1).type());
        assertEquals(3, r.status.status());
        assertEquals(3, r.last().get("code").getAsInt());
        assertEquals(List.of("hello"), r.texts("stdout"));
        for (int i = 0; i < r.events.size(); i++) {
            assertEquals(i + 1, r.events.get(i).id());
        }
    }

    @Test
    void outputIsEchoedToTheTerminalByteForByte() {
        run("out:a\\r\\nb\\0c", "err:oops\\n", "hex:ff0a");
        assertTrue(java.util.Arrays.equals("a\r\nb\0c".concat("\u00ff\n").getBytes(StandardCharsets.ISO_8859_1),
                out.toByteArray()), out.toString(StandardCharsets.ISO_8859_1));
        assertEquals("oops\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stdoutAndStderrAreToldApartAndEachKeepsItsOrder() {
        Run r = run("lines:500", "lines-err:500", "out:last\\n");
        assertEquals(501, r.texts("stdout").size());
        assertEquals(500, r.texts("stderr").size());
        assertEquals("line 1", r.texts("stderr").get(0));
        assertEquals("last", r.texts("stdout").get(500));
    }

    @Test
    void invalidUtf8NulAndCarriageReturnsArriveAsATerminalShowsThem() {
        Run r = run("hex:61ff620a", "out:nul\\0here\\n", "out:10%\\r20%\\r100%\\n");
        assertEquals(List.of("a\ufffdb", "nul\0here", "100%"), r.texts("stdout"));
    }

    @Test
    void aPromptWithoutNewlineShowsUpWhileTheCommandWaits() {
        Run r = run("out:Continue? ", "sleep:600", "out:yes\\n");
        List<JsonObject> lines = r.events.stream().filter(e -> e.type().equals("stdout")).map(CommandRunnerIT::json).toList();
        assertTrue(lines.get(0).has("partial"), lines.toString());
        assertEquals("Continue? ", lines.get(0).get("text").getAsString());
        assertEquals("Continue? yes", lines.get(lines.size() - 1).get("text").getAsString());
        assertEquals(lines.get(0).get("line"), lines.get(lines.size() - 1).get("line"));
    }

    @Test
    void aMillionLinesArriveWithConsecutiveIdsAndNothingLost() {
        Run r = run("lines:1000000");
        List<String> lines = r.texts("stdout");
        assertEquals(1_000_000, lines.size());
        assertEquals("line 1", lines.get(0));
        assertEquals("line 1000000", lines.get(999_999));
        // Under load a read can end mid-line for over 100 ms, which legitimately sends a partial
        // version of that line first; every event still has the next id.
        for (int i = 0; i < r.events.size(); i++) {
            assertEquals(i + 1, r.events.get(i).id());
        }
        // And besides those partial versions, nothing but start, the million lines and exit.
        assertEquals(1_000_002, r.events.stream().filter(e -> !json(e).has("partial")).count());
    }

    @Test
    void aGibibyteLineWithoutNewlineIsSplitWithBoundedMemory() {
        Journal journal = new Journal(new JournalConfig(1000, 1 << 24, dir, 64L << 20));
        Recorder recorder = new Recorder(journal);
        Runtime rt = Runtime.getRuntime();
        ExitStatus s = new CommandRunner(RunConfig.of(TestChild.command("repeat:1073741824:41")), recorder, null, null).run();
        assertEquals(0, s.status());
        // What the run retains, not the garbage it made on the way: collect first.
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        assertTrue(used < 256L << 20, "heap retained " + (used >> 20) + " MiB");
        // 1 GiB in 64 KiB pieces: one line and 16,383 continuations. The 64 MiB spill limit keeps
        // only some of them, and one gap stands for the rest.
        long[] counts = {0, 0, 0};
        long cursor = 0;
        while (cursor < journal.lastId()) {
            cursor = journal.read(cursor, 10_000, Long.MAX_VALUE, e -> {
                if (e.type().equals("gap")) {
                    counts[2]++;
                } else if (e.type().equals("stdout") && !json(e).has("partial")) {
                    counts[json(e).has("cont") ? 1 : 0]++;
                    assertEquals(65536, json(e).get("text").getAsString().length());
                }
            });
        }
        assertEquals(1, counts[0], "the first piece");
        assertEquals(1, counts[2], "one gap");
        assertTrue(counts[1] > 500, "continuations kept: " + counts[1]);
        assertEquals(1, recorder.lineCount("stdout"));
        assertTrue(journal.lastId() >= 16386, "events: " + journal.lastId());
        journal.close();
    }

    @Test
    void exitCodesPassThrough() {
        assertEquals(0, run("exit:0").status.status());
        assertEquals(42, run("exit:42").status.status());
    }

    @Test
    void deathBySignalIsReportedAs128PlusTheSignal() {
        Run r = run("out:bye\\n", "self-kill:TERM", "sleep:5000");
        assertEquals(143, r.status.status());
        assertEquals("SIGTERM", r.last().get("signal").getAsString());
        assertEquals("signaled", r.last().get("reason").getAsString());
        assertTrue(r.last().get("code").isJsonNull());
    }

    @Test
    void anUnknownCommandIs127AndAFileThatCannotRunIs126() throws Exception {
        Run missing = run(RunConfig.of(List.of("no-such-command-ssewatch")));
        assertEquals(127, missing.status.status());
        assertEquals("not-found", missing.last().get("reason").getAsString());
        assertTrue(missing.last().get("message").getAsString().contains("no-such-command-ssewatch"));
        assertEquals(List.of("start", "exit"), missing.events.stream().map(Event::type).toList());

        Path script = Files.writeString(dir.resolve("plain.txt"), "echo hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Run denied = run(RunConfig.of(List.of(script.toString())));
        assertEquals(126, denied.status.status());
        assertEquals("not-executable", denied.last().get("reason").getAsString());
    }

    @Test
    void unbufferingVariablesAreSetUnlessTheUserSetThem() {
        RunConfig config = new RunConfig(List.of("sh", "-c", "echo $PYTHONUNBUFFERED $EXTRA"), dir, Map.of("EXTRA", "x"),
                false, Duration.ofSeconds(1), 1024, true, null);
        assertEquals(List.of("1 x"), run(config).texts("stdout"));
    }

    @Test
    void underAPseudoTerminalStdoutAndStderrShareTheTerminalAsTheyWouldInAReadOne() {
        RunConfig config = new RunConfig(List.of("sh", "-c",
                "if [ -t 1 ]; then echo out-is-tty; fi; if [ -t 2 ]; then echo err-is-tty >&2; fi; "
                        + "[ -n \"$TERM\" ] && echo has-term; exit 7"),
                dir, Map.of(), true, Duration.ofSeconds(1), 1024, true, null);
        Run r = run(config);
        assertEquals(7, r.status.status());
        assertEquals(List.of("out-is-tty", "err-is-tty", "has-term"), r.texts("stdout"));
        assertTrue(json(r.events.get(0)).get("pty").getAsBoolean());
    }

    @Test
    void withoutAPseudoTerminalTheCommandSeesPipes() {
        Run r = run(new RunConfig(List.of("sh", "-c", "if [ -t 1 ]; then echo tty; else echo pipe; fi"),
                dir, Map.of(), false, Duration.ofSeconds(1), 1024, true, null));
        assertEquals(List.of("pipe"), r.texts("stdout"));
    }

    @Test
    void terminateEndsTheWholeProcessTreeWithNoOrphans() throws Exception {
        Journal journal = new Journal(JournalConfig.inMemory(1000));
        Recorder recorder = new Recorder(journal);
        RunConfig config = new RunConfig(TestChild.command("spawn:ignore-term,sleep:60000", "spawn:sleep:60000",
                "out:ready\\n", "sleep:60000"), dir, Map.of(), false, Duration.ofMillis(1500), 1024, true, null);
        CommandRunner runner = new CommandRunner(config, recorder, null, null);
        Thread t = new Thread(() -> runner.run());
        t.start();
        List<Long> children = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (children.size() < 2 && System.currentTimeMillis() < deadline) {
            children.clear();
            journal.read(0, 100, Long.MAX_VALUE, e -> {
                if (e.type().equals("stdout") && json(e).get("text").getAsString().startsWith("child ")) {
                    children.add(Long.parseLong(json(e).get("text").getAsString().substring(6)));
                }
            });
            Thread.sleep(50);
        }
        assertEquals(2, children.size(), "grandchildren did not start");
        runner.terminate();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertTrue(journal.isComplete());
        for (long pid : children) {
            assertTrue(ProcessesGone.gone(pid), "orphan " + pid + " survived");
        }
        assertNull(recorder.exitStatus().code());
        assertEquals("SIGTERM", recorder.exitStatus().signal());
    }

    /** The lines of both streams in the order the journal has them, as "o 1", "e 2", ... */
    private static List<String> interleaved(Run r) {
        return r.events.stream().filter(e -> e.type().equals("stdout") || e.type().equals("stderr"))
                .map(CommandRunnerIT::json).filter(j -> !j.has("partial"))
                .map(j -> j.get("text").getAsString()).toList();
    }

    private static List<String> alternating(int n) {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add((i % 2 == 1 ? "o " : "e ") + i);
        }
        return expected;
    }

    /**
     * Each line is written once the one before it has been read from its pipe (the writer watches
     * its pipe empty with FIONREAD), 1 ms apart: then only the recording can reorder them, however
     * busy the machine, and the readers record in the order they read. How often writes that are
     * merely close together keep their order is a rate, measured by bench -Dbench.only=order.
     */
    @Test
    void linesReadFromStdoutAndStderrInTurnAreRecordedInThatOrder() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
                "python3 is not installed: skipping the order test");
        Path writer = Files.writeString(dir.resolve("alternate.py"), String.join("\n",
                "import os, fcntl, termios, struct, time",
                "def unread(fd):",
                "    return struct.unpack('i', fcntl.ioctl(fd, termios.FIONREAD, b'\\0\\0\\0\\0'))[0]",
                "for i in range(1, 201):",
                "    fd = 1 if i % 2 else 2",
                "    os.write(fd, (('o ' if i % 2 else 'e ') + str(i) + '\\n').encode())",
                "    while unread(fd):",
                "        time.sleep(0.0002)",
                "    time.sleep(0.001)",
                ""));
        Run r = run(new RunConfig(List.of("python3", writer.toString()), dir, Map.of(), false, Duration.ofSeconds(1),
                1024, true, null));
        assertEquals(0, r.status.status());
        assertEquals(alternating(200), interleaved(r));
    }

    @Test
    void withMergedStderrBothStreamsKeepTheirExactOrderAtAnySpeedAsStdout() {
        Run r = run(RunConfig.of(TestChild.command("alternate:4000:0")).withMergedStderr(true));
        assertEquals(alternating(4000), r.texts("stdout"));
        assertEquals(List.of(), r.texts("stderr"));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "merged stderr is echoed to stdout");
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("o 1\ne 2\no 3\n"));
    }

    @Test
    void outputABackgroundChildWritesAfterTheCommandExitsIsRecordedBeforeTheExit() {
        // Two writes apart: a read already waiting when the command exits may still get the first.
        Run r = run(new RunConfig(List.of("sh", "-c",
                "(sleep 0.3; echo late; echo late-err >&2; sleep 0.3; echo later; echo later-err >&2) & echo main"),
                dir, Map.of(), false, Duration.ofSeconds(1), 1024, true, null));
        assertEquals(List.of("main", "late", "later"), r.texts("stdout"));
        assertEquals(List.of("late-err", "later-err"), r.texts("stderr"));
        assertEquals("exit", r.events.get(r.events.size() - 1).type());
        assertEquals(0, r.status.status());
        assertEquals("main\nlate\nlater\n", out.toString(StandardCharsets.UTF_8), "late output is echoed too");
    }

    @Test
    void aChildThatHoldsThePipesLongAfterTheCommandExitsDoesNotHoldTheRunOpen() throws Exception {
        long start = System.nanoTime();
        Run r = run(new RunConfig(List.of("sh", "-c", "sleep 60 & echo \"child $!\""),
                dir, Map.of(), false, Duration.ofSeconds(1), 1024, true, null));
        long took = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        long child = Long.parseLong(r.texts("stdout").get(0).substring(6));
        ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        assertEquals("exit", r.events.get(r.events.size() - 1).type());
        assertTrue(took < 30, "the run waited " + took + " s for a child that holds its pipes");
    }

    @Test
    void aCommandThatCannotStartIsToldApartBeforeAnythingRuns() throws Exception {
        assertEquals(127, CommandRunner.problem(RunConfig.of(List.of("no-such-command-ssewatch"))).status());
        Path notes = Files.writeString(dir.resolve("notes.txt"), "echo hi\n");
        assertEquals(126, CommandRunner.problem(RunConfig.of(List.of(notes.toString()))).status());
        assertNull(CommandRunner.problem(RunConfig.of(List.of("sh", "-c", "true"))));
    }

    @Test
    void underAPseudoTerminalTerminateEndsTheCommandAndItsChildren() throws Exception {
        Journal journal = new Journal(JournalConfig.inMemory(1000));
        Recorder recorder = new Recorder(journal);
        RunConfig config = new RunConfig(List.of("sh", "-c", "sleep 300 & echo \"child $!\"; sleep 301"),
                dir, Map.of(), true, Duration.ofSeconds(5), 1024, true, null);
        CommandRunner runner = new CommandRunner(config, recorder, null, null);
        Thread t = new Thread(runner::run);
        t.start();
        long child = -1;
        long deadline = System.currentTimeMillis() + 30_000;
        while (child < 0 && System.currentTimeMillis() < deadline) {
            long[] found = {-1};
            journal.read(0, 100, Long.MAX_VALUE, e -> {
                if (e.type().equals("stdout") && json(e).get("text").getAsString().startsWith("child ")) {
                    found[0] = Long.parseLong(json(e).get("text").getAsString().substring(6).trim());
                }
            });
            child = found[0];
            Thread.sleep(50);
        }
        assertTrue(child > 0, "the child did not start");
        runner.terminate();
        t.join(30_000);
        assertFalse(t.isAlive(), "the run did not end");
        assertTrue(ProcessesGone.gone(child), "the pty command's child " + child + " survived");
        assertEquals("SIGTERM", recorder.exitStatus().signal());
    }
}
