package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.share.TestChild;
import redis.clients.jedis.Jedis;

/**
 * A relay's hub (its root, live from Redis, read only), the cost of its run list, letting go of runs
 * nobody watches, and runs published by {@code serve --publish}: the real jar, a real redis-server.
 */
class RelayHubIT extends RelayFixture {

    @Test
    void theRootIsTheHubPageReadOnlyAndItsRunListFollowsRedisLive() throws Exception {
        redis = RedisServer.started(dir);
        URI relay = relay("hub", "--list-every", "200ms");
        String page = get(relay);
        assertTrue(page.contains("data-ssewatch-hub") && page.contains("hub/hub.mjs"), page);
        JsonObject jobs = json(get(relay.resolve("api/jobs")));
        assertEquals(false, jobs.get("canStart").getAsBoolean());
        assertTrue(jobs.get("readOnly").getAsString().startsWith("This is a relay"), jobs.toString());
        assertEquals(0, jobs.getAsJsonArray("jobs").size());
        try (ListEvents list = ListEvents.open(http, relay.resolve("api/runs/events"))) {
            assertEquals("runs", list.next()[0]);
            Process publisher = start(ssewatch("--bind", "127.0.0.1", "--linger", "10m", "--title", "nightly import",
                    "--publish", redis.url()), dir.resolve("pipe-err"));
            OutputStream stdin = publisher.getOutputStream();
            stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String id = awaitRunId(dir.resolve("pipe-err"));
            JsonObject seen = list.awaitRun(id, "running");
            assertEquals("nightly import", seen.get("job").getAsString(), "a plain run is listed under its title");
            assertEquals("runs/" + id + "/", seen.get("url").getAsString());
            stdin.close();
            JsonObject ended = list.awaitRun(id, "succeeded");
            assertTrue(ended.get("ended").getAsLong() >= ended.get("started").getAsLong(), ended.toString());
        }
        assertTrue(get(relay.resolve("api/runs")).contains("\"state\":\"succeeded\""));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(relay.resolve("api/jobs/x/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode(), "a relay has no jobs to start: " + post.body());
    }

    @Test
    void fiftyRequestsForTheRunListCostRedisWhatOneDoes() throws Exception {
        redis = RedisServer.started(dir);
        publishFinished("out:x\\n");
        URI one = relay("one", "--list-every", "10m");
        URI fifty = relay("fifty", "--list-every", "10m");
        long before = commands();
        assertTrue(get(one.resolve("api/runs")).contains("\"state\":\"succeeded\""));
        long afterOne = commands();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(fifty.resolve("api/runs")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            assertTrue(a.get().body().contains("\"state\":\"succeeded\""), a.get().body());
        }
        long afterFifty = commands();
        assertTrue(afterOne - before >= 2, "the list was read: " + (afterOne - before));
        assertEquals(afterOne - before, afterFifty - afterOne, "Redis commands for 1 request and for 50");
    }

    @Test
    void aRunNobodyWatchesIsLetGoAndFollowedAgainWithTheSameBytesAndAtMostMaxFollowedAreHeld() throws Exception {
        redis = RedisServer.started(dir);
        Path relayErr = dir.resolve("relay-err-evict");
        URI relay = relay("evict", "--evict-after", "1s", "--max-followed", "1");
        URI local = publishFinished("lines:300", "exit:0");
        String finished = awaitRunId(dir.resolve("finished-err"));
        byte[] want = bytes(local.resolve("events"));
        URI run = relay.resolve("runs/" + finished + "/");
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(bytes(run.resolve("events")), StandardCharsets.UTF_8));
        String letGo = "no longer following run " + finished + " (no viewer";
        awaitCount(relayErr, letGo, 1);
        long xreads = calls("xread");
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(bytes(run.resolve("events")), StandardCharsets.UTF_8),
                "followed again from Redis: the same bytes");
        assertTrue(calls("xread") > xreads, "it was read from Redis again");
        awaitCount(relayErr, letGo, 2);

        Process live = start(ssewatch("--bind", "127.0.0.1", "--linger", "10m", "--publish", redis.url()),
                dir.resolve("live-err"));
        live.getOutputStream().write("still going\n".getBytes(StandardCharsets.UTF_8));
        live.getOutputStream().flush();
        String running = awaitRunId(dir.resolve("live-err"));
        try (Jedis j = redis.client()) {
            while (!"running".equals(j.hget("ssewatch:run:" + running, "state"))) {
                Thread.sleep(20); // until the run is in Redis: the id is printed before; the test's timeout bounds it
            }
        }
        try (ListEvents watching = ListEvents.open(http, relay.resolve("runs/" + running + "/events"))) {
            assertEquals("start", watching.next()[0], "a viewer watches the running run");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(run.resolve("events"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode(), "--max-followed 1, and that one is watched");
            assertTrue(refused.body().contains("--max-followed") && refused.headers().firstValue("Retry-After").isPresent(),
                    refused.body());
        }
    }

    @Test
    void serveWithPublishPublishesTheRunsItStartsAndARelayServesThemWithServesBytes() throws Exception {
        Path operators = aliceOperators();
        redis = RedisServer.started(dir);
        Path script = dir.resolve("count");
        Files.writeString(script, "#!/bin/sh\ni=0\nwhile [ $i -lt \"$1\" ]; do echo \"line $i caf\u00e9\"; i=$((i+1)); done\n"
                + "echo oops >&2\nexit 4\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("jobs.yaml"), """
                jobs:
                  count:
                    command: ["./count", "{n}"]
                    params:
                      n: {type: int, min: 1, max: 5000, default: 3}
                """);
        Path urlFile = dir.resolve("serve-url");
        Process serve = start(ssewatch("serve", "--jobs", dir.resolve("jobs.yaml").toString(), "--data",
                dir.resolve("data").toString(), "--operators", operators.toString(), "--bind", "127.0.0.1", "--url-file",
                urlFile.toString(), "--publish", redis.url()), dir.resolve("serve-err"));
        URI hub = awaitUrl(urlFile, serve);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(hub.resolve("api/jobs/count/runs"))
                .header("Authorization", ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"params\":{\"n\":2000}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, started.statusCode(), started.body());
        String id = json(started.body()).get("id").getAsString();
        URI served = hub.resolve("runs/" + id + "/");
        waitForExit(served);
        URI relay = relay("serve");
        URI relayed = relay.resolve("runs/" + id + "/");
        waitForExit(relayed);
        byte[] want = bytes(served.resolve("events"));
        assertTrue(want.length > 2000 * 20, "a real run: " + want.length);
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(bytes(relayed.resolve("events")), StandardCharsets.UTF_8),
                "the relay serves the hub's run at the same runs/ID/, byte for byte");
        assertEquals(get(served.resolve("log.txt")), get(relayed.resolve("log.txt")));
        JsonObject listed = null;
        for (var e : json(get(relay.resolve("api/runs"))).getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                listed = e.getAsJsonObject();
            }
        }
        assertTrue(listed != null, "the relay lists the hub's run");
        assertEquals("count", listed.get("job").getAsString());
        assertEquals("2000", listed.getAsJsonObject("params").get("n").getAsString());
        assertEquals("alice", listed.getAsJsonObject("startedBy").get("operator").getAsString());
        assertEquals("failed", listed.get("state").getAsString());
        assertEquals(4, listed.getAsJsonObject("exit").get("status").getAsInt());
    }

    /** Publishes a run of TestChild doing {@code steps}, lingering so that its local server stays; returns that server. */
    private URI publishFinished(String... steps) throws Exception {
        Path urlFile = dir.resolve("finished-url");
        Process p = start(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "10m",
                "--publish", redis.url(), "--"), TestChild.command(steps)), dir.resolve("finished-err"));
        URI local = awaitUrl(urlFile, p);
        waitForExit(local);
        String id = awaitRunId(dir.resolve("finished-err"));
        try (Jedis j = redis.client()) {
            while (!"exited".equals(j.hget("ssewatch:run:" + id, "state"))) {
                Thread.sleep(20); // until Redis has the whole run; the test's timeout bounds it
            }
        }
        return local;
    }

    private byte[] bytes(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Every command Redis has counted, but the INFO calls that count them. */
    private long commands() {
        try (Jedis j = redis.client()) {
            long n = 0;
            for (String line : j.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                    n += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
            return n;
        }
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** Waits until {@code text} is in the file {@code count} times; the test's timeout bounds it. */
    private static void awaitCount(Path file, String text, int count) throws Exception {
        while (Files.readString(file).split(Pattern.quote(text), -1).length - 1 < count) {
            Thread.sleep(20);
        }
    }
}
