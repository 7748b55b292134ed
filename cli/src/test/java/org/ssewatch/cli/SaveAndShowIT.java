package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Bytes;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.RunDirectory;
import org.ssewatch.share.RunSaver;
import org.ssewatch.share.StartInfo;
import org.ssewatch.share.TestChild;

/** {@code --save} and {@code show} through the real jar: separate processes, real signals (kill -9), real HTTP. */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SaveAndShowIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aRunSavedAndShownServesTheSameEventStreamByteForByteAsTheLiveRun() throws Exception {
        Path saved = tmp.resolve("run");
        Path urlFile = tmp.resolve("url");
        // The command waits on its stdin (ssewatch's) until the live viewer is connected.
        Process p = Jar.start(Jar.with(List.of("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "0",
                "--save", saved.toString(), "--"), TestChild.command("out:first\\n", "stdin", "lines:3000", "err:a warning\\n",
                "out:a prompt> ", "sleep:400", "out:answered\\n", "hex:ff0a", "exit:3")));
        byte[] live;
        try {
            URI url = Jar.awaitUrl(urlFile, p);
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url.resolve("events"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                byte[] buf = new byte[8192];
                boolean released = false;
                for (int n; (n = in.read(buf)) > 0; ) {
                    body.write(buf, 0, n);
                    if (!released && body.toString(StandardCharsets.UTF_8).contains("first")) {
                        p.getOutputStream().close();
                        released = true;
                    }
                }
            }
            live = body.toByteArray();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
        String liveText = new String(live, StandardCharsets.UTF_8);
        assertTrue(liveText.contains("\"partial\":true"), "a partial line went out live: " + liveText.length());
        assertTrue(liveText.contains("event: exit\n"), "the live stream ended with the exit event");

        try (Jar.Shown shown = Jar.show(saved, tmp.resolve("url2"))) {
            byte[] again = http.send(HttpRequest.newBuilder(shown.url().resolve("events")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertArrayEquals(live, again, "the saved run's stream: the same ids, types and payload bytes");
            String status = get(shown.url().resolve("api/status"));
            assertTrue(status.startsWith("{\"state\":\"exited\""), status);
            assertTrue(status.contains("\"lines\":{\"stdout\":3003,\"stderr\":1,\"stdin\":0}"), status);
            String poll = get(shown.url().resolve("poll?after=3003"));
            assertTrue(poll.endsWith(",\"done\":true}"), poll);
            List<String> log = get(shown.url().resolve("log.txt")).lines().toList();
            // stdout's 3,000 lines and stderr's one are written together, on two pipes: either may be read first.
            assertEquals("first", log.get(0));
            assertTrue(log.contains("line 1") && log.contains("line 3000") && log.contains("a warning"), log.toString());
            assertEquals(List.of("a prompt> answered", "\ufffd"), log.subList(log.size() - 2, log.size()));
            assertTrue(shown.stderr().contains("ssewatch: showing " + saved + ": finished "), shown.stderr());
            assertTrue(shown.stderr().contains(" (exit status 3)\n"), shown.stderr());
        }
    }

    @Test
    void ssewatchKilledWithSigkillMidRunLeavesARunThatShowServesUpToThenAsInterrupted() throws Exception {
        Path saved = tmp.resolve("run");
        Process p = Jar.start(Jar.with(List.of("--bind", "127.0.0.1", "--quiet", "--linger", "0", "--save", saved.toString(),
                "--"), TestChild.command("lines:20000",
                "hex:" + java.util.HexFormat.of().formatHex("the last line before the kill\n".getBytes(StandardCharsets.UTF_8)),
                "sleep:120000"))); // in hex, so that the start event, which holds the command line, does not hold the line
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> Jar.text(p.getErrorStream()));
        List<ProcessHandle> command;
        try {
            // Once the line is in the file, not merely in ssewatch's memory: that is what a kill -9 keeps.
            Path journal = saved.resolve(RunDirectory.JOURNAL);
            byte[] marker = "the last line before the kill".getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(journal) || Bytes.indexOf(Files.readAllBytes(journal), marker) < 0) {
                assertTrue(p.isAlive(), "ssewatch ended early");
                assertTrue(System.nanoTime() < deadline, "the line never reached the saved journal");
                Thread.sleep(20);
            }
            command = p.descendants().toList();
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no exit event, no last metadata
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        command.forEach(ProcessHandle::destroyForcibly);
        String said = err.get();
        assertFalse(said.contains("cannot"), said);
        String metadata = Files.readString(saved.resolve(RunDirectory.METADATA));
        assertTrue(metadata.contains("\"ended\":null,\"exit\":null"), metadata);
        // And a record that a crash cut short after it.
        try (FileChannel c = FileChannel.open(saved.resolve(RunDirectory.JOURNAL), StandardOpenOption.APPEND)) {
            c.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2}));
        }

        try (Jar.Shown shown = Jar.show(saved, tmp.resolve("url"))) {
            String events = get(shown.url().resolve("events"));
            List<String[]> frames = frames(events);
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(Integer.toString(i + 1), frames.get(i)[0], "every id once, in order");
            }
            String[] last = frames.get(frames.size() - 1);
            String[] before = frames.get(frames.size() - 2);
            assertEquals("exit", last[1]);
            assertTrue(last[2].contains("\"reason\":\"interrupted\""), last[2]);
            assertTrue(last[2].contains("\"status\":125"), last[2]);
            assertTrue(before[2].contains("\"text\":\"the last line before the kill\""), before[2]);
            assertEquals(20_003, frames.size(), "start, 20,001 lines and the exit that show gives it");

            String status = get(shown.url().resolve("api/status"));
            assertTrue(status.startsWith("{\"state\":\"interrupted\""), status);
            List<String> log = get(shown.url().resolve("log.txt")).lines().toList();
            assertEquals(20_001, log.size());
            assertEquals("line 1", log.get(0));
            assertEquals("the last line before the kill", log.get(20_000));
            String poll = get(shown.url().resolve("poll?after=20002"));
            assertTrue(poll.startsWith("{\"events\":[{\"id\":20003,\"type\":\"exit\""), poll);
            assertTrue(poll.endsWith(",\"done\":true}"), poll);
            // After the end, a reconnecting EventSource is told to stop (204), not left waiting.
            HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(shown.url().resolve("events"))
                    .header("Last-Event-ID", "20003").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, resumed.statusCode());

            assertTrue(shown.stderr().contains("ssewatch: " + saved + ": events.journal ends with "), shown.stderr());
            Matcher torn = Pattern.compile("ends with (\\d+) bytes that are not a whole event").matcher(shown.stderr());
            assertTrue(torn.find() && Long.parseLong(torn.group(1)) >= 6, shown.stderr());
            assertTrue(shown.stderr().contains("ssewatch: showing " + saved + ": interrupted ("), shown.stderr());
        }
    }

    @Test
    void aRunSavedInPipeModeIsShownWithItsInputAndTheEndOfInputAndShowTakesTheServersOptions() throws Exception {
        Path saved = tmp.resolve("piped");
        Process p = Jar.start(List.of("--bind", "127.0.0.1", "--linger", "0", "--save", saved.toString()));
        try (OutputStream in = p.getOutputStream()) {
            in.write("make: entering\nmake: done\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(Files.readString(saved.resolve(RunDirectory.METADATA)).contains("\"mode\":\"pipe\""));
        try (Jar.Shown shown = Jar.show(saved, tmp.resolve("url"))) {
            assertEquals("make: entering\nmake: done\n", get(shown.url().resolve("log.txt")));
            assertTrue(get(shown.url().resolve("api/status")).contains("\"reason\":\"eof\""));
        }
        // The server's options, as the watcher has them: here a fixed token and a password.
        String token = "a-token-of-twenty-two-chars";
        try (Jar.Shown shown = Jar.show(List.of(), List.of("--token", token, "--auth", "ops:secret"), saved, tmp.resolve("url2"))) {
            assertTrue(shown.url().getPath().equals("/" + token + "/"), shown.url().toString());
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(shown.url().resolve("log.txt")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            HttpResponse<String> let = http.send(HttpRequest.newBuilder(shown.url().resolve("log.txt")).header("Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("make: entering\nmake: done\n", let.body());
        }
    }

    @Test
    void aBigSavedRunIsServedFromTheFileWithAHeapFarSmallerThanTheRun() throws Exception {
        Path saved = tmp.resolve("big");
        RunDirectory dir = RunDirectory.create(saved);
        int lines = 1_000_000;
        String filler = "-".repeat(60);
        try (Journal journal = new Journal(JournalConfig.defaults(), notice -> { }, dir)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(dir, recorder, notice -> { });
            recorder.start(new StartInfo(List.of("big"), "/", "box", 1L, null, false));
            Recorder.StreamLines out = recorder.lines("stdout");
            for (int i = 1; i <= lines; i++) {
                out.line(i + filler);
            }
            recorder.exit(ExitStatus.fromProcess(0));
        }
        long bytes = Files.size(saved.resolve(RunDirectory.JOURNAL));
        assertTrue(bytes > 100L << 20, "a journal larger than the heap it is shown with: " + bytes);
        // 32 MiB of heap for ssewatch itself: a reader that loaded the run would fail.
        try (Jar.Shown shown = Jar.show(List.of("-Xmx32m"), List.of(), saved, tmp.resolve("url"))) {
            assertTrue(get(shown.url().resolve("api/status")).contains("\"lastId\":" + (lines + 2)));
            HttpResponse<InputStream> log = http.send(HttpRequest.newBuilder(shown.url().resolve("log.txt")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long n = 0;
            String lastLine = null;
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(log.body(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    n++;
                    lastLine = line;
                }
            }
            assertEquals(lines, n);
            assertEquals(lines + filler, lastLine);
        }
    }

    @Test
    void whatIsNotASavedRunIsOneLineAndStatus2() throws Exception {
        Jar.Result missing = Jar.run(List.of("show", tmp.resolve("none").toString()));
        assertEquals(2, missing.status());
        assertEquals("ssewatch: cannot show " + tmp.resolve("none") + ": no such directory\n", missing.err());
        Jar.Result empty = Jar.run(List.of("show", tmp.toString()));
        assertEquals(2, empty.status());
        assertEquals("ssewatch: cannot show " + tmp + ": not a saved run (it has no run.json)\n", empty.err());

        Path saved = tmp.resolve("run");
        assertEquals(0, Jar.run(Jar.with(List.of("--bind", "127.0.0.1", "--linger", "0", "--save", saved.toString(), "--"),
                TestChild.command("out:x\\n"))).status());
        Path metadata = saved.resolve(RunDirectory.METADATA);
        Files.writeString(metadata, Files.readString(metadata).replace("{\"format\":1,", "{\"format\":99,"));
        Jar.Result newer = Jar.run(List.of("show", saved.toString()));
        assertEquals(2, newer.status());
        assertEquals("ssewatch: cannot show " + saved + ": run.json: it is in run format 99, and this ssewatch reads "
                + "format 1 only\n", newer.err());
    }

    @Test
    void aSaveDirectoryThatHoldsSomethingIsRefusedBeforeTheCommandRuns() throws Exception {
        Path taken = Files.createDirectory(tmp.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Jar.Result r = Jar.run(Jar.with(List.of("--bind", "127.0.0.1", "--save", taken.toString(), "--"),
                TestChild.command("out:the command ran\\n")));
        assertEquals(2, r.status());
        assertEquals("ssewatch: --save " + taken + " is not empty (a saved run is never overwritten: give a new directory)\n",
                r.err());
        assertFalse(r.out().contains("the command ran"));
        assertEquals(List.of(taken.resolve("notes.txt")), Files.list(taken).toList());
    }

    private String get(URI url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    /** The frames of an event stream that carry an event: {id, type, data}. */
    private static List<String[]> frames(String stream) {
        List<String[]> out = new ArrayList<>();
        for (String frame : stream.split("\n\n")) {
            String id = null;
            String type = null;
            String data = null;
            for (String field : frame.split("\n")) {
                if (field.startsWith("id: ")) {
                    id = field.substring(4);
                } else if (field.startsWith("event: ")) {
                    type = field.substring(7);
                } else if (field.startsWith("data: ")) {
                    data = field.substring(6);
                }
            }
            if (type != null) {
                out.add(new String[] {id, type, data});
            }
        }
        return out;
    }
}
