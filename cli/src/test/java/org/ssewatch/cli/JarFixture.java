package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.TestChild;

/** Runs the real jar as users and scripts run it: a separate process, its output, its URL. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class JarFixture {
    static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();
    final HttpClient http = HttpClient.newHttpClient();

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

    static List<String> ssewatch(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-jar", JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    static Result run(List<String> cmd, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "still running: " + cmd);
        return new Result(p.exitValue(), out.get(), err.get());
    }

    static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    Result watch(String... steps) throws Exception {
        return run(with(ssewatch("--bind", "127.0.0.1", "--"), TestChild.command(steps)), new byte[0]);
    }

    /** Strips ssewatch's own lines from its stderr, leaving the command's. */
    static String withoutOwnLines(String err) {
        StringBuilder b = new StringBuilder();
        for (String line : err.split("(?<=\n)")) {
            if (!line.startsWith("ssewatch: ")) {
                b.append(line);
            }
        }
        return b.toString();
    }

    URI awaitUrl(Path urlFile, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(urlFile)) {
            assertTrue(p.isAlive(), "ssewatch exited early with " + (p.isAlive() ? "" : p.exitValue()));
            assertTrue(System.currentTimeMillis() < deadline, "no URL written");
            Thread.sleep(20);
        }
        return URI.create(Files.readString(urlFile).trim());
    }

    String get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    void waitForExit(URI url) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!get(url.resolve("api/status")).contains("\"state\":\"exited\"")) {
            assertTrue(System.currentTimeMillis() < deadline, "the run did not end");
            Thread.sleep(50);
        }
    }

    /** Parses an event stream: every id from 1 once, as itself or inside a gap; the first gap as {from, to}. */
    static long[] assertEveryIdOnceEndingWithExit(String stream) {
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
}
