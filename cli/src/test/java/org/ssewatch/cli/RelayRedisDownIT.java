package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;

/**
 * A relay whose Redis is killed says so in its run list, api/runs and the hub's event stream, with
 * the list as last read, and stops saying so once Redis is back: the real jar, a real redis-server.
 */
class RelayRedisDownIT extends RelayFixture {

    @Test
    void whileRedisIsDownTheRunListSaysSoAndWhenItIsBackItStopsSaying() throws Exception {
        redis = RedisServer.started(dir);
        URI relay = relay("down", "--list-every", "200ms");
        publisher = PipePublisher.start(this, redis.url(), dir);
        try (ListEvents list = ListEvents.open(http, relay.resolve("api/runs/events"))) {
            list.awaitRun(publisher.runId, "running");
            assertTrue(problem(get(relay.resolve("api/runs"))) == null, "Redis is there");

            redis.kill();
            JsonObject lost = list.awaitList(l -> l.has("problem"));
            String said = lost.get("problem").getAsString();
            assertTrue(said.startsWith("Redis cannot be reached"), said);
            assertTrue(lost.toString().contains(publisher.runId), "the list as last read stands: " + lost);
            String runs = get(relay.resolve("api/runs"));
            assertTrue(problem(runs) != null && problem(runs).startsWith("Redis cannot be reached"), runs);
            assertTrue(runs.contains(publisher.runId), runs);

            redis.start(); // empty
            // A line makes the publisher write, find Redis empty and put its run back (idle, it would only at its next TTL refresh).
            publisher.lines(1, 1);
            list.awaitList(l -> !l.has("problem"));
            String again = get(relay.resolve("api/runs"));
            while (problem(again) != null || !again.contains(publisher.runId)) {
                Thread.sleep(50); // until the publisher has put its run back; the test's timeout bounds it
                again = get(relay.resolve("api/runs"));
            }
        }
        publisher.end();
    }

    /** The list's {@code problem}, or null: the field is there only while there is one. */
    static String problem(String apiRuns) {
        JsonObject o = JsonParser.parseString(apiRuns).getAsJsonObject();
        assertTrue(o.has("runs"), apiRuns);
        return o.has("problem") ? o.get("problem").getAsString() : null;
    }
}
