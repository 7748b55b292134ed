package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * How a relay finds a run it was asked for: in Redis at once, not in its list of runs (which may be
 * up to --list-every old), and at one lookup a second at most for an id Redis does not have, however
 * often it is asked for. The real jar, a real redis-server.
 */
class RelayLookupIT extends RelayFixture {

    @Test
    void aRunPublishedAfterTheRelayLastReadItsListIsServedAtOnce() throws Exception {
        redis = RedisServer.started(dir);
        URI relay = relay("lookup", "--list-every", "10m");
        assertTrue(get(relay.resolve("api/runs")).contains("\"runs\":[]"), "the list is read now, empty, for 10 minutes");
        publisher = PipePublisher.start(this, redis.url(), dir); // returns once Redis lists the run
        URI run = relay.resolve("runs/" + publisher.runId + "/");
        assertEquals(200, status(run), "the run's page, the moment Redis has the run");
        assertEquals(200, status(run.resolve("api/status")));
        assertTrue(!get(relay.resolve("api/runs")).contains(publisher.runId), "while the list does not have it yet");
        publisher.lines(1, 3);
        publisher.end();
        waitForExit(run);
    }

    @Test
    void anIdRedisDoesNotHaveIsLookedUpAtMostOnceASecondAndServedOnceItAppears() throws Exception {
        redis = RedisServer.started(dir);
        URI relay = relay("negative");
        String id = "20261202-000000-nosuch";
        long before = calls("zscore");
        for (int i = 0; i < 50; i++) {
            assertEquals(404, status(relay.resolve("runs/" + id + "/events")), "request " + i);
        }
        long asked = calls("zscore") - before;
        assertTrue(asked >= 1 && asked <= 2, "50 requests within a second or so asked Redis " + asked + " times");
        long malformed = calls("zscore");
        assertEquals(404, status(relay.resolve("runs/no%20such%20run/")));
        assertEquals(404, status(relay.resolve("runs/" + "x".repeat(65) + "/")));
        assertEquals(malformed, calls("zscore"), "an id of no valid form is not looked up");

        try (Jedis j = redis.client()) {
            j.zadd("ssewatch:runs", System.currentTimeMillis(), id); // as a publisher registers a run
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status(relay.resolve("runs/" + id + "/")) == 404) {
            assertTrue(System.nanoTime() < deadline, "the run is served once the negative answer has expired");
            Thread.sleep(100);
        }
        assertEquals(200, status(relay.resolve("runs/" + id + "/")));
    }

    private int status(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
