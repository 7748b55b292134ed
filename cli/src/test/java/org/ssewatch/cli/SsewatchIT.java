package org.ssewatch.cli;

import static org.ssewatch.share.ProcessesGone.gone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.SmallDisk;
import org.ssewatch.share.TestChild;

/** The real jar, run as users and scripts run it: a separate process, real signals, real HTTP. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SsewatchIT {
    private static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    record Result(int status, byte[] out, byte[] err) {
        String errText() {
            return new String(err, StandardCharsets.UTF_8);
        }

        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static List<String> ssewatch(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-jar", JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static Result run(List<String> cmd, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "still running: " + cmd);
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private Result watch(String... steps) throws Exception {
        return run(with(ssewatch("--bind", "127.0.0.1", "--"), TestChild.command(steps)), new byte[0]);
    }

    /** Strips ssewatch's own lines from its stderr, leaving the command's. */
    private static String withoutOwnLines(String err) {
        StringBuilder b = new StringBuilder();
        for (String line : err.split("(?<=\n)")) {
            if (!line.startsWith("ssewatch: ")) {
                b.append(line);
            }
        }
        return b.toString();
    }

    private URI awaitUrl(Path urlFile, Process p) throws Exception {
        return Jar.awaitUrl(urlFile, p);
    }

    private String get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theExitStatusIsTheCommandsOwn() throws Exception {
        assertEquals(0, watch("exit:0").status);
        assertEquals(42, watch("out:x\\n", "exit:42").status);
    }

    @Test
    void deathBySignalNIsStatus128PlusN() throws Exception {
        assertEquals(143, watch("self-kill:TERM", "sleep:5000").status);
        assertEquals(137, watch("self-kill:KILL", "sleep:5000").status);
    }

    @Test
    void aMissingCommandIs127AndAnUnrunnableOne126WithOneLineNamingIt() throws Exception {
        Result missing = run(ssewatch("--bind", "127.0.0.1", "--", "no-such-command-xyz"), new byte[0]);
        assertEquals(127, missing.status);
        assertTrue(missing.errText().contains("ssewatch: no-such-command-xyz: command not found\n"), missing.errText());
        assertFalse(missing.errText().contains("Exception"), missing.errText());

        Path script = Files.writeString(dir.resolve("notes.txt"), "echo hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Result denied = run(ssewatch("--bind", "127.0.0.1", "--", script.toString()), new byte[0]);
        assertEquals(126, denied.status);
        assertTrue(denied.errText().contains(script + ": permission denied"), denied.errText());
    }

    @Test
    void theTerminalGetsExactlyTheBytesTheCommandAloneWrites() throws Exception {
        String[] steps = {"hex:61ff0062", "out:\\r\\n10%\\r100%\\n", "err:warn\\0ing\\n", "hex:e282", "hex:ac0a",
            "out:no newline at the end"};
        Result alone = run(TestChild.command(steps), new byte[0]);
        Result watched = watch(steps);
        assertArrayEquals(alone.out, watched.out);
        assertEquals(alone.errText(), withoutOwnLines(watched.errText()));
        assertEquals(alone.status, watched.status);
    }

    @Test
    void standardInputPassesThroughToTheCommand() throws Exception {
        byte[] input = "hello\nworld\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Result r = run(with(ssewatch("--bind", "127.0.0.1", "--"), TestChild.command("stdin")), input);
        assertEquals(0, r.status);
        assertArrayEquals(input, r.out);
    }

    @Test
    void quietKeepsTheTerminalClearButViewersStillGetEverything() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--quiet", "--url-file", urlFile.toString(),
                "--linger", "forever", "--"), TestChild.command("out:one\\ntwo\\n", "sleep:300", "err:three\\n"))).start();
        // destroy() closes the pipes, so read them from the start
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            waitForExit(url);
            assertEquals("one\ntwo\nthree\n", get(url.resolve("log.txt")));
            p.destroy(); // SIGTERM while lingering: stop serving, exit with the command's status
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals(0, out.get().length);
        } finally {
            p.destroyForcibly();
        }
    }

    private void waitForExit(URI url) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!get(url.resolve("api/status")).contains("\"state\":\"exited\"")) {
            assertTrue(System.currentTimeMillis() < deadline, "the run did not end");
            Thread.sleep(50);
        }
    }

    @Test
    void pipeModeRecordsStandardInputUntilItCloses() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "1h"))
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("make: entering\nmake: done\n".getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            waitForExit(url);
            String events = get(url.resolve("events"));
            assertTrue(events.contains("event: stdin\ndata: {\"line\":1,"), events);
            assertTrue(events.contains("\"text\":\"make: done\"}"), events);
            assertTrue(events.contains("\"reason\":\"eof\""), events);
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals("make: entering\nmake: done\n", new String(out.get(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theUrlIsPrintedWrittenToTheUrlFileAndServesTheRun() throws Exception {
        Path urlFile = dir.resolve("url");
        Result r = run(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--"),
                TestChild.command("out:hi\\n")), new byte[0]);
        URI url = URI.create(Files.readString(urlFile).trim());
        // The whole of stderr: Undertow's and XNIO's INFO logging (started, stopped) never shows.
        assertEquals("ssewatch: watching at " + url + "\n", r.errText());
        assertTrue(url.getPath().matches("/[A-Za-z0-9_-]{22,}/"), url.toString());
    }

    @Test
    void onTheNewestJavaInstalledTheTerminalShowsOnlySsewatchsOwnLines() throws Exception {
        Path java = Jdks.newestJava();
        org.junit.jupiter.api.Assumptions.assumeTrue(java != null && Jdks.feature(java) >= 24,
                "no Java 24 or newer under /usr/lib/jvm: skipping the check for its runtime warnings");
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--url-file", dir.resolve("url").toString(), "--");
        cmd.set(0, java.toString());
        Result r = run(with(cmd, List.of("echo", "ok")), new byte[0]);

        // Java 24+ warns on stderr about sun.misc.Unsafe and native access by libraries.
        assertEquals(0, r.status(), r.errText());
        assertEquals("ok\n", r.outText());
        assertEquals("ssewatch: watching at " + Files.readString(dir.resolve("url")), r.errText());
    }

    /**
     * Start-up stays clear of Java's annotation machinery (picocli's options are described through
     * its programmatic API) and of string concatenation through invokedynamic (javac's
     * -XDstringConcat=inline): each would generate classes at every start, ~40 and ~60 ms on 2 cores.
     */
    @Test
    void startingAndRunningACommandGeneratesNoProxyClasses() throws Exception {
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--linger", "0", "--", "true");
        cmd.add(1, "-Xlog:class+load=info");
        Result r = run(cmd, new byte[0]);

        assertEquals(0, r.status(), r.errText());
        assertTrue(r.outText().contains("org.ssewatch.cli.SsewatchCommand "), "the class-load log is there");
        List<String> proxies = r.outText().lines().filter(l -> l.contains("__dynamic_proxy__")).toList();
        assertEquals(List.of(), proxies);
        long spun = r.outText().lines().filter(l -> l.contains("LambdaForm$MH/")).count();
        assertTrue(spun < 30, spun + " method-handle classes spun (about 10 expected; 70 with indy string concatenation)");
    }

    /** ssewatch keeps the JVM from building the platform MBean server, but JMX asked for at launch still works. */
    @Test
    void jmxAskedForOnTheCommandLineStillServesTheJvmsMBeans() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--quiet", "--", "sleep", "30");
        cmd.addAll(1, List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try (javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(url)) {
                    javax.management.MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                    assertTrue(mbeans.isRegistered(new javax.management.ObjectName("java.lang:type=Runtime")));
                    break;
                } catch (IOException e) {
                    assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "no JMX agent: " + e);
                    Thread.sleep(100);
                }
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void connectedViewersReceiveTheExitEventBeforeSsewatchStops() throws Exception {
        Path urlFile = dir.resolve("url");
        // The command ends when its stdin (ssewatch's) closes, which the test does once the viewer is connected.
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "0",
                "--"), TestChild.command("out:working\\n", "stdin", "exit:3"))).start();
        URI url = awaitUrl(urlFile, p);
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("events"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder stream = new StringBuilder();
        try (InputStream in = response.body()) {
            byte[] buf = new byte[4096];
            boolean closed = false;
            for (int n; (n = in.read(buf)) > 0; ) {
                stream.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (!closed && stream.indexOf("working") >= 0) {
                    p.getOutputStream().close();
                    closed = true;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue());
        assertTrue(stream.toString().contains("event: exit\ndata: {"), stream.toString());
        assertTrue(stream.toString().contains("\"code\":3"), stream.toString());
    }

    @Test
    void aDiskThatFillsUnderTheSpillFileIsAGapForEveryViewerAndOneNoticeAndTheRunStillEnds() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(256)) {
            Path urlFile = dir.resolve("url");
            // 300,000 lines, 1,000 events in memory: a few thousand fit the disk, the rest can't.
            Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--quiet", "--url-file", urlFile.toString(),
                    "--linger", "1h", "--history", "1000", "--history-bytes", "64K", "--spill-dir", disk.dir().toString(),
                    "--"), TestChild.command("lines:300000", "exit:3"))).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try {
                URI url = awaitUrl(urlFile, p);
                // From the start, while the run may still be going: the stream ends after the exit event.
                HttpResponse<String> sse = http.send(HttpRequest.newBuilder(url.resolve("events")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, sse.statusCode());
                assertEveryIdOnceEndingWithExit(sse.body());

                List<String> log = get(url.resolve("log.txt")).lines().toList();
                List<String> markers = log.stream().filter(l -> l.startsWith("[ssewatch: ")).toList();
                assertEquals(1, markers.size(), markers.toString());
                java.util.regex.Matcher range = java.util.regex.Pattern
                        .compile("\\[ssewatch: output missing here \\(events (\\d+)-(\\d+) were not kept\\)]").matcher(markers.get(0));
                assertTrue(range.matches(), markers.get(0));
                int at = log.indexOf(markers.get(0));
                for (int i = 0; i < at; i++) {
                    assertEquals("line " + (i + 1), log.get(i));
                }
                long firstAfter = Long.parseLong(log.get(at + 1).substring("line ".length()));
                for (int i = at + 1; i < log.size(); i++) {
                    assertEquals("line " + (firstAfter + i - at - 1), log.get(i));
                }
                assertEquals("line 300000", log.get(log.size() - 1));
                // Events are not lines one for one: a line the writer left open for 100 ms also went out
                // as a partial update (the test child flushes every 64 KiB, mid-line). So the lines the
                // marker stands for are at most the events it names, and at least one.
                long missingLines = firstAfter - at - 1;
                long missingEvents = Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1;
                assertTrue(missingLines >= 1 && missingLines <= missingEvents, missingLines + " lines for " + markers.get(0));

                // Now that the run is over, a late reader's one gap is the one log.txt shows.
                long inside = Long.parseLong(range.group(1)) + 5;
                long to = Long.parseLong(range.group(2));
                HttpResponse<String> poll = http.send(HttpRequest.newBuilder(url.resolve("poll?after=" + inside)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, poll.statusCode(), poll::body);
                assertTrue(poll.body().startsWith("{\"events\":[{\"id\":" + to + ",\"type\":\"gap\",\"data\":{\"from\":"
                        + (inside + 1) + ",\"to\":" + to + "}}"), poll::body);
            } finally {
                p.destroy(); // SIGTERM while lingering: stop serving, exit with the command's status
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(3, p.exitValue());
            String notices = new String(err.get(), StandardCharsets.UTF_8);
            assertEquals(1, notices.split("could not be written", -1).length - 1, notices);
            assertTrue(notices.contains("ssewatch: the spill file in " + disk.dir() + " could not be written (No space left on device)"),
                    notices);
        }
    }

    /** Parses an event stream: every id from 1 once, as itself or inside a gap; the first gap as {from, to}. */
    private static long[] assertEveryIdOnceEndingWithExit(String stream) {
        long expected = 1;
        long[] firstGap = null;
        String lastType = null;
        java.util.regex.Pattern gap = java.util.regex.Pattern.compile("\\{\"from\":(\\d+),\"to\":(\\d+)}");
        for (String frame : stream.split("\n\n")) {
            long id = -1;
            String type = null;
            String data = null;
            for (String field : frame.split("\n")) {
                if (field.startsWith("id: ")) {
                    id = Long.parseLong(field.substring(4));
                } else if (field.startsWith("event: ")) {
                    type = field.substring(7);
                } else if (field.startsWith("data: ")) {
                    data = field.substring(6);
                }
            }
            if (type == null) {
                continue; // retry: or a heartbeat
            }
            if (type.equals("gap")) {
                java.util.regex.Matcher m = gap.matcher(data);
                assertTrue(m.matches(), data);
                assertEquals(expected, Long.parseLong(m.group(1)), "a gap from where the stream was");
                assertEquals(id, Long.parseLong(m.group(2)));
                if (firstGap == null) {
                    firstGap = new long[] {expected, id};
                }
            } else {
                assertEquals(expected, id, "out of order or repeated");
            }
            expected = id + 1;
            lastType = type;
        }
        assertEquals("exit", lastType, "the stream ends with the exit event");
        assertTrue(firstGap != null, "a gap where the disk was full");
        return firstGap;
    }

    @Test
    void aPortInUseIsAOneLineErrorAndStatus125() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = run(ssewatch("--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()), "--", "true"),
                    new byte[0]);
            assertEquals(125, r.status);
            assertEquals("ssewatch: port " + taken.getLocalPort() + " is already in use on 127.0.0.1\n", r.errText());
        }
    }

    @Test
    void environmentVariablesConfigureTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(ssewatch("--", "true"));
        pb.environment().put("SSEWATCH_PORT", Integer.toString(port));
        pb.environment().put("SSEWATCH_BIND", "127.0.0.1");
        pb.environment().put("SSEWATCH_TOKEN", "TeamBuildLink-0123456789");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(err.startsWith("ssewatch: watching at http://127.0.0.1:" + port + "/TeamBuildLink-0123456789/\n"), err);
    }

    @Test
    void sigintSigtermAndSighupEndTheCommandsWholeTreeWithNoOrphans() throws Exception {
        for (String signal : new String[] {"INT", "TERM", "HUP"}) {
            Path urlFile = dir.resolve("url-" + signal);
            Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(),
                    "--kill-after", "2s", "--quiet", "--"),
                    TestChild.command("spawn:ignore-term,sleep:60000", "spawn:sleep:60000", "out:ready\\n", "sleep:60000")))
                    .start();
            URI url = awaitUrl(urlFile, p);
            List<Long> children = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (children.size() < 2) {
                assertTrue(System.currentTimeMillis() < deadline, "grandchildren did not start");
                children.clear();
                for (String line : get(url.resolve("log.txt")).split("\n")) {
                    if (line.startsWith("child ")) {
                        children.add(Long.parseLong(line.substring(6)));
                    }
                }
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssewatch did not stop on SIG" + signal);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(143, p.exitValue(), "SIG" + signal);
            assertTrue(ms < 10_000, "took " + ms + " ms");
            for (long pid : children) {
                assertTrue(gone(pid), "orphan " + pid + " survived SIG" + signal);
            }
        }
    }

    @Test
    void aSecondCtrlCKillsTheTreeAtOnceInsteadOfWaitingOutTheGracePeriod() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(),
                "--kill-after", "60s", "--quiet", "--"), TestChild.command("ignore-term", "out:stubborn\\n", "sleep:60000")))
                .start();
        try {
            URI url = awaitUrl(urlFile, p);
            while (!get(url.resolve("log.txt")).contains("stubborn")) {
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            java.io.BufferedReader messages = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String said;
            do {
                said = messages.readLine();
            } while (said != null && !said.contains("stopping the command"));
            assertTrue(said != null, "ssewatch did not say it is stopping the command");
            assertTrue(p.isAlive(), "the first Ctrl-C only asks");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 15_000);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void atARealTerminalTheRunLingersUntilCtrlCThenExitsWithTheCommandsStatus() throws Exception {
        // exec: a shell that stayed as ssewatch's parent would die of the Ctrl-C itself (dash, the usual
        // /bin/sh, does) and script would report that instead of ssewatch's status. SHELL: the same
        // shell whatever the machine's login shell is.
        ScriptTerminal terminal = ScriptTerminal.start("exec " + ScriptTerminal.quoted(with(ssewatch("--bind", "127.0.0.1",
                "--"), TestChild.command("out:done\\n", "exit:3"))), Map.of("SHELL", "/bin/sh"));
        StringBuffer seen = terminal.screen();
        Process p = terminal.process();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!seen.toString().contains("still serving")) {
                assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "no linger notice: " + seen);
                Thread.sleep(50);
            }
            assertTrue(seen.toString().contains("finished (exit status 3)"), seen.toString());
            p.getOutputStream().write(3); // Ctrl-C, through the terminal's line discipline
            p.getOutputStream().flush();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still lingering after Ctrl-C: " + seen);
            assertEquals(3, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The terminal echoes Ctrl-C as {@code ^C} with no line end; ssewatch's message about it (and,
     * once it exits, the shell's prompt) must not carry on from there.
     */
    @Test
    void atARealTerminalWhatFollowsCtrlCStartsOnAFreshLine() throws Exception {
        ScriptTerminal terminal = ScriptTerminal.start("exec " + ScriptTerminal.quoted(with(ssewatch("--bind", "127.0.0.1",
                "--linger", "0", "--"), TestChild.command("out:ready\\n", "sleep:60000"))), Map.of("SHELL", "/bin/sh"));
        StringBuffer seen = terminal.screen();
        Process p = terminal.process();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!seen.toString().contains("ready")) {
                assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "the command did not start: " + seen);
                Thread.sleep(50);
            }
            p.getOutputStream().write(3);
            p.getOutputStream().flush();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C: " + seen);
            terminal.awaitScreenClosed(10_000);
            String all = seen.toString();
            int at = all.indexOf("^C");
            assertTrue(at >= 0, "the terminal echoed no ^C: " + all);
            assertTrue(all.startsWith("\r\n", at + 2), "after ^C: " + all.substring(at).replace("\u001b", "ESC"));
            // The test child dies of the Ctrl-C itself: ssewatch may see it gone before its own
            // handler runs, and then has nothing to stop. Either way, nothing carries on from ^C.
            assertFalse(all.startsWith("\r\n\r\n", at + 2), "the line after ^C was ended twice: " + all);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void tlsAndBasicAuthOptionsReachTheServer() throws Exception {
        Path urlFile = dir.resolve("url");
        Path authFile = Files.writeString(dir.resolve("auth"), "ops:s3cret pass\n");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "1h",
                "--tls-self-signed", "--auth-file", authFile.toString(), "--"), TestChild.command("out:hi\\n"))).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            assertEquals("https", url.getScheme());
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            HttpClient tls = HttpClient.newBuilder().sslContext(trustAll).build();
            HttpRequest.Builder status = HttpRequest.newBuilder(url.resolve("api/status")).timeout(Duration.ofSeconds(30));
            assertEquals(401, tls.send(status.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            String basic = java.util.Base64.getEncoder().encodeToString("ops:s3cret pass".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> ok = tls.send(status.header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, ok.version());
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            String messages = new String(err.get(), StandardCharsets.UTF_8);
            assertTrue(messages.matches("(?s).*ssewatch: TLS certificate SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\n.*"), messages);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void onAllInterfacesThePrintedUrlNamesAnAddressTeammatesCanOpenNeverTheWildcard() throws Exception {
        // Only the printed text is checked: tests send traffic to loopback alone.
        Result r = run(ssewatch("--", "true"), new byte[0]);
        assertEquals(0, r.status);
        String first = r.errText().lines().filter(l -> l.startsWith("ssewatch: watching at ")).findFirst().orElseThrow();
        URI url = URI.create(first.substring("ssewatch: watching at ".length()));
        assertFalse(url.getHost().equals("0.0.0.0") || url.getHost().equals("[::]") || url.getHost().equals("[0:0:0:0:0:0:0:0]"),
                first);
        assertTrue(url.getPort() > 0, first);
    }

    /**
     * The jar, as users run it, with --pty: pty4j loads libutil through JNA, whose library search
     * the command line sets up itself (ChildSubreaper) so that no ldconfig runs.
     */
    @Test
    void underAPseudoTerminalTheJarRunsTheCommandOnATerminal() throws Exception {
        Result r = run(ssewatch("--bind", "127.0.0.1", "--linger", "0", "--pty", "--",
                "sh", "-c", "if [ -t 1 ]; then echo on-a-tty; fi; exit 4"), new byte[0]);
        assertEquals(4, r.status, r.errText());
        assertTrue(r.outText().contains("on-a-tty"), r.outText() + r.errText());
    }
}
