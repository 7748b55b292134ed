package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;

/**
 * A run that {@code serve --publish} ended early, cancelled from its hub or past its job's timeout,
 * is listed by a relay in the state the hub lists it in, not by how its command died (a signal,
 * so "failed"): the real jar for both, a real redis-server between them.
 */
class RelayServeStatesIT extends RelayFixture {

    @Test
    void aRunCancelledOrTimedOutOnTheHubIsListedSoByTheRelay() throws Exception {
        Path operators = aliceOperators();
        redis = RedisServer.started(dir);
        Path sleeper = dir.resolve("sleeper");
        Files.writeString(sleeper, "#!/bin/sh\necho sleeping\nexec sleep 600\n");
        Files.setPosixFilePermissions(sleeper, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("jobs.yaml"), """
                jobs:
                  sleep:
                    command: ["./sleeper"]
                  slow:
                    command: ["./sleeper"]
                    timeout: 1s
                """);
        Path urlFile = dir.resolve("serve-url");
        Process serve = start(ssewatch("serve", "--jobs", dir.resolve("jobs.yaml").toString(), "--data",
                dir.resolve("data").toString(), "--operators", operators.toString(), "--bind", "127.0.0.1", "--url-file",
                urlFile.toString(), "--kill-after", "1s", "--publish", redis.url()), dir.resolve("serve-err"));
        URI hub = awaitUrl(urlFile, serve);
        URI relay = relay("states", "--list-every", "200ms");

        String cancelled = post(hub.resolve("api/jobs/sleep/runs"), 201).get("id").getAsString();
        while (!get(hub.resolve("runs/" + cancelled + "/log.txt")).contains("sleeping")) {
            Thread.sleep(20); // the test's timeout bounds it
        }
        assertEquals("running", awaitListed(relay, cancelled, "running").get("state").getAsString());
        post(hub.resolve("api/runs/" + cancelled + "/cancel"), 202);
        String timedOut = post(hub.resolve("api/jobs/slow/runs"), 201).get("id").getAsString();

        assertEquals("cancelled", awaitEnded(hub, cancelled).get("state").getAsString(), "the hub's own word");
        assertEquals("timed-out", awaitEnded(hub, timedOut).get("state").getAsString(), "the hub's own word");
        for (String id : new String[] {cancelled, timedOut}) {
            JsonObject onHub = awaitEnded(hub, id);
            JsonObject onRelay = awaitEnded(relay, id);
            assertEquals(onHub.get("state").getAsString(), onRelay.get("state").getAsString(), "run " + id);
            assertEquals(onHub.get("exit").toString(), onRelay.get("exit").toString(), "run " + id);
        }
    }

    private JsonObject post(URI url, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("Authorization", ALICE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Run {@code id} as {@code base}'s api/runs lists it once it is not running; the test's timeout bounds the wait. */
    private JsonObject awaitEnded(URI base, String id) throws Exception {
        while (true) {
            JsonObject r = find(base, id);
            if (r != null && !r.get("state").getAsString().equals("running")) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    private JsonObject awaitListed(URI base, String id, String state) throws Exception {
        while (true) {
            JsonObject r = find(base, id);
            if (r != null && r.get("state").getAsString().equals(state)) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    private JsonObject find(URI base, String id) throws Exception {
        for (var e : JsonParser.parseString(get(base.resolve("api/runs"))).getAsJsonObject().getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        return null;
    }
}
