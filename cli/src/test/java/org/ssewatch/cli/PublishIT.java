package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.share.TestChild;
import redis.clients.jedis.Jedis;

/** ssewatch --publish through the real jar, against a real redis-server. */
class PublishIT extends JarFixture {
    private static final Pattern RUN_ID = Pattern.compile("as run (\\S+)");
    private RedisServer redis;

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void thePublishedStreamIsTheLocalEventStreamByteForByteAndTheRunIsListed() throws Exception {
        redis = RedisServer.started(dir);
        Path urlFile = dir.resolve("url");
        Watched w = start(Map.of("SSEWATCH_PUBLISH", redis.url()), urlFile, "--linger", "10m",
                "out:caf\u00e9 \\e[1mbold\\e[0m\\n", "err:oops\\n", "lines:200", "out:no newline", "exit:3");
        URI url = awaitUrl(urlFile, w.process);
        waitForExit(url);
        byte[] local = http.send(HttpRequest.newBuilder(url.resolve("events")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        String runId = awaitRunId(w);
        awaitState(runId, "exited");
        String prefix = "retry: 2000\n\n";
        String sse = new String(local, StandardCharsets.UTF_8);
        assertTrue(sse.startsWith(prefix), sse);
        assertEquals(sse.substring(prefix.length()), framesFromRedis("ssewatch:run:" + runId + ":events"),
                "the same ids, types and payload bytes, in the same order");
        try (Jedis j = redis.client()) {
            assertTrue(j.zscore("ssewatch:runs", runId) != null, "the run is in the list of runs");
            assertTrue(j.hget("ssewatch:run:" + runId, "exit").contains("\"status\":3"));
        }
        Result r = w.stop();
        assertEquals(3, r.status(), "the command's status");
        assertTrue(r.errText().contains("publishing to " + redis.url() + " as run " + runId), r.errText());
        assertFalse(r.errText().contains("behind"), r.errText());
    }

    @Test
    void whenTheHistoryIsTooSmallForWhatRedisMissedTheStreamGetsTheGapALocalReaderGets() throws Exception {
        redis = RedisServer.on(dir); // not running yet
        Path urlFile = dir.resolve("url");
        Watched w = start(Map.of(), urlFile, "--linger", "10m", "--publish", redis.url(), "--history", "16",
                "--history-bytes", "64K", "--spill-max", "0", "lines:3000", "exit:0");
        URI url = awaitUrl(urlFile, w.process);
        waitForExit(url);
        String runId = awaitRunId(w);
        redis.start(); // the publisher finds it on its next try, and has only the journal's last events to give
        awaitState(runId, "exited");
        String sse = get(url.resolve("events")).substring("retry: 2000\n\n".length());
        assertTrue(sse.startsWith("id: ") && sse.substring(0, sse.indexOf("\n\n")).contains("event: gap\ndata: {\"from\":1,"),
                sse.substring(0, 200));
        assertEquals(sse, framesFromRedis("ssewatch:run:" + runId + ":events"), "the same gap, then the same events");
        Result r = w.stop();
        assertEquals(0, r.status());
        assertEquals(1, count(r.errText(), "is behind"), r.errText());
        assertEquals(1, count(r.errText(), "has caught up"), r.errText());
    }

    @Test
    void pipeModePublishesStandardInputWithThePrefixGiven() throws Exception {
        redis = RedisServer.started(dir);
        Result r = run(ssewatch("--bind", "127.0.0.1", "--linger", "0", "--publish", redis.url(),
                "--redis-prefix", "ci:", "--redis-ttl", "forever"), "one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.status(), r.errText());
        Matcher m = RUN_ID.matcher(r.errText());
        assertTrue(m.find(), r.errText());
        String frames = framesFromRedis("ci:run:" + m.group(1) + ":events");
        assertTrue(frames.contains("event: stdin\ndata: {\"line\":2,") && frames.contains("\"text\":\"two\"}"), frames);
        assertTrue(frames.endsWith("\n\n") && frames.contains("event: exit"), frames);
        try (Jedis j = redis.client()) {
            assertEquals(-1, j.ttl("ci:run:" + m.group(1) + ":events"), "forever: no expiry");
        }
    }

    @Test
    void aBadUrlIsStatus2InOneLineThatDoesNotShowThePassword() throws Exception {
        Result r = run(ssewatch("--publish", "http://ci:hunter2-secret@cache:6379/0", "--", "true"), new byte[0]);
        assertEquals(2, r.status());
        assertFalse(r.errText().contains("hunter2-secret"), r.errText());
        assertTrue(r.errText().startsWith("ssewatch: --publish: a Redis URL starts with redis:// or rediss://"), r.errText());
        assertEquals(1, r.errText().lines().count(), r.errText());
    }

    @Test
    void thePasswordIsNeverShownNorStoredEvenWhenTheCommandPrintsIt() throws Exception {
        redis = RedisServer.on(dir).withPassword("hunter2-secret").start();
        String url = "redis://:hunter2-secret@127.0.0.1:" + redis.port() + "/0";
        Result r = run(with(ssewatch("--bind", "127.0.0.1", "--linger", "0", "--publish", url, "--"),
                TestChild.command("out:token hunter2-secret\\n", "exit:0")), new byte[0]);
        assertEquals(0, r.status(), r.errText());
        assertFalse(r.errText().contains("hunter2-secret"), r.errText());
        assertTrue(r.errText().contains("publishing to redis://:***@127.0.0.1:" + redis.port() + "/0"), r.errText());
        Matcher m = RUN_ID.matcher(r.errText());
        assertTrue(m.find(), r.errText());
        String frames = framesFromRedis("ssewatch:run:" + m.group(1) + ":events");
        assertTrue(frames.contains("\"text\":\"token ***\""), frames);
        assertFalse(frames.contains("hunter2-secret"), frames);
        Result help = run(ssewatch("--help"), new byte[0]);
        assertFalse(help.outText().contains("hunter2"), "nothing of a password in --help");
    }

    @Test
    void inPipeModeThePasswordReadFromStandardInputIsMaskedToo() throws Exception {
        redis = RedisServer.on(dir).withPassword("hunter2-secret").start();
        String url = "redis://:hunter2-secret@127.0.0.1:" + redis.port() + "/0";
        Result r = run(ssewatch("--bind", "127.0.0.1", "--linger", "0", "--publish", url),
                "token hunter2-secret\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.status(), r.errText());
        Matcher m = RUN_ID.matcher(r.errText());
        assertTrue(m.find(), r.errText());
        String frames = framesFromRedis("ssewatch:run:" + m.group(1) + ":events");
        assertTrue(frames.contains("\"text\":\"token ***\""), frames);
        assertFalse(frames.contains("hunter2-secret"), frames);
    }

    @Test
    void withRedisStoppedTheCommandFinishesLocalViewersGetEverythingAndSsewatchSaysOnceWhatWasNotPublished() throws Exception {
        redis = RedisServer.started(dir);
        redis.pause();
        Path urlFile = dir.resolve("url");
        Watched w = start(Map.of(), urlFile, "--linger", "10m", "--publish", redis.url(), "lines:2000", "exit:3");
        URI url = awaitUrl(urlFile, w.process);
        waitForExit(url);
        String sse = get(url.resolve("events"));
        assertEquals(2003, sse.split("\n\nid: ").length, "start, 2000 lines and exit, each once");
        assertTrue(sse.contains("id: 2002\nevent: exit\n"), sse.substring(Math.max(0, sse.length() - 300)));
        Result r = w.stop();
        assertEquals(3, r.status(), "the command's status, whatever Redis did");
        assertEquals(1, count(r.errText(), "is behind"), r.errText());
        assertEquals(1, count(r.errText(), "events 1-2002 could not be published to " + redis.url()), r.errText());
    }

    /** The frames an SSE stream would carry, made from the run's stream entries in Redis. */
    private String framesFromRedis(String key) {
        StringBuilder b = new StringBuilder();
        for (Object o : redis.entries(key)) {
            List<?> entry = (List<?>) o;
            List<?> fields = (List<?>) entry.get(1);
            String id = new String((byte[]) entry.get(0), StandardCharsets.US_ASCII);
            assertEquals("t", new String((byte[]) fields.get(0), StandardCharsets.US_ASCII));
            assertEquals("d", new String((byte[]) fields.get(2), StandardCharsets.US_ASCII));
            b.append("id: ").append(id.substring(2)).append("\nevent: ")
                    .append(new String((byte[]) fields.get(1), StandardCharsets.UTF_8)).append("\ndata: ")
                    .append(new String((byte[]) fields.get(3), StandardCharsets.UTF_8)).append("\n\n");
        }
        return b.toString();
    }

    private void awaitState(String runId, String state) throws InterruptedException {
        try (Jedis j = redis.client()) {
            while (!state.equals(j.hget("ssewatch:run:" + runId, "state"))) {
                Thread.sleep(20); // bounded by the class's timeout
            }
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    /** A running ssewatch; its stderr goes to a file, which can be read while it runs. */
    private record Watched(Process process, Path err, CompletableFuture<byte[]> out) {
        Result stop() throws Exception {
            process.destroy(); // SIGTERM: ends the lingering, then the flush wait
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return new Result(process.exitValue(), out.get(), java.nio.file.Files.readAllBytes(err));
        }
    }

    private Watched start(Map<String, String> env, Path urlFile, String... argsThenSteps) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bind", "127.0.0.1", "--url-file", urlFile.toString()));
        List<String> steps = new java.util.ArrayList<>();
        for (int i = 0; i < argsThenSteps.length; i++) {
            if (argsThenSteps[i].startsWith("--")) {
                args.add(argsThenSteps[i]);
                args.add(argsThenSteps[++i]);
            } else {
                steps.add(argsThenSteps[i]);
            }
        }
        args.add("--");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(with(ssewatch(args.toArray(String[]::new)),
                TestChild.command(steps.toArray(String[]::new)))).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return new Watched(p, err, CompletableFuture.supplyAsync(() -> readAll(p.getInputStream())));
    }

    private String awaitRunId(Watched w) throws Exception {
        while (true) {
            Matcher m = RUN_ID.matcher(java.nio.file.Files.readString(w.err));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
    }
}
