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
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.share.TestChild;

/**
 * ssewatch relay through the real jar: a run published by the real jar, served by two relays from a
 * real redis-server byte for byte, and a run followed through a Redis killed and restarted mid-run.
 */
class RelayIT extends RelayFixture {

    @Test
    void twoRelaysServeThePublishedRunWithTheLocalStreamsBytesAndAViewerMovesBetweenThemByLastEventId() throws Exception {
        redis = RedisServer.started(dir);
        Path localUrl = dir.resolve("local-url");
        Path err = dir.resolve("publisher-err");
        Process publisher = start(with(ssewatch("--bind", "127.0.0.1", "--url-file", localUrl.toString(), "--linger", "10m",
                "--publish", redis.url(), "--"), TestChild.command("out:caf\u00e9 \\e[1mbold\\e[0m\\n", "err:oops\\n",
                "lines:2000", "out:no newline", "exit:3")), err);
        URI local = awaitUrl(localUrl, publisher);
        URI a = relay("a");
        URI b = relay("b");
        waitForExit(local);
        String runId = awaitRunId(err);
        URI runA = a.resolve("runs/" + runId + "/");
        URI runB = b.resolve("runs/" + runId + "/");
        waitForExit(runA);
        byte[] want = bytes(local.resolve("events"), null);
        assertTrue(want.length > 2000 * 20, "a real run: " + want.length);
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(bytes(runA.resolve("events"), null),
                StandardCharsets.UTF_8), "relay a: the local stream, byte for byte");
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(bytes(runB.resolve("events"), null),
                StandardCharsets.UTF_8), "relay b: the local stream, byte for byte");
        String localFrom1000 = new String(bytes(local.resolve("events"), "1000"), StandardCharsets.UTF_8);
        String bFrom1000 = new String(bytes(runB.resolve("events"), "1000"), StandardCharsets.UTF_8);
        assertTrue(bFrom1000.contains("\nid: 1001\n") || bFrom1000.startsWith("retry: 2000\n\nid: 1001\n"), bFrom1000.substring(0, 80));
        assertEquals(localFrom1000, bFrom1000, "a viewer that read up to id 1000 on a goes on at 1001 on b");
        assertEquals(get(local.resolve("log.txt")), get(runA.resolve("log.txt")), "log.txt");
        String status = get(runB.resolve("api/status"));
        assertTrue(status.contains("\"state\":\"exited\""), status);
        String list = get(a.resolve("api/runs"));
        assertTrue(list.contains("\"id\":\"" + runId + "\"") && list.contains("\"state\":\"failed\""), list);
        assertEquals(404, status(a.resolve("runs/no-such-run/events")));
    }

    @Test
    void redisKilledAndRestartedEmptyMidRunTheRelaysViewerStaysConnectedAndGetsEveryLineOnce() throws Exception {
        redis = RedisServer.started(dir);
        RelayNode relay = node("a");
        publisher = PipePublisher.start(this, redis.url(), dir);
        String run = publisher.runId;
        publisher.lines(1, 50);
        try (SseViewer viewer = new SseViewer(relay.run(run).resolve("events"))) {
            viewer.readThroughLine(50);
            redis.kill();
            publisher.lines(51, 100); // kept in the publisher's journal meanwhile
            String away = "\"source\":\"Redis at " + redis.url() + " cannot be reached";
            while (!relay.status(run).contains(away)) {
                Thread.sleep(20); // bounded by the test's timeout
            }
            redis.start(); // empty: the publisher puts the run back, the relay goes on after its last id
            publisher.lines(101, 150);
            publisher.end();
            List<SseViewer.Received> got = viewer.readToExit();

            viewer.assertEveryLineOnceAsPublished(got, publisher, 150);
            assertEquals(1, viewer.connections().size(), "the viewer stayed connected throughout: " + viewer.connections());
        }
        String status = relay.status(run);
        assertFalse(status.contains("\"source\""), "Redis is back: " + status);
        String said = relay.stderr();
        assertEquals(1, said.lines().filter(l -> l.contains("cannot be reached")).count(), said);
        assertEquals(1, said.lines().filter(l -> l.contains("reading run " + run + " from " + redis.url() + " again")).count(),
                said);
    }

    private byte[] bytes(URI url, String lastEventId) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            r.header("Last-Event-ID", lastEventId);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private int status(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
