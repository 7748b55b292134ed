package org.ssewatch.web.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.runs.HubRun;

/**
 * A run this server started is served from its saved run once it ended, and its journal in memory
 * goes: a viewer that follows it across the end gets every id once, and one that comes back after
 * gets the rest from disk with the same ids.
 */
@Timeout(120)
class ReleasedRunIT {
    @TempDir
    Path dir;

    @BeforeEach
    void prepare() throws Exception {
        HubFixture.prepare(dir);
    }

    private static List<String> ids(SseLines stream, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SseLines.Event e = stream.next();
            ids.add(e.id() + ":" + e.event());
        }
        return ids;
    }

    @Test
    void aViewerFollowsAcrossTheEndWithoutALostOrRepeatedIdAndTheRunIsThenServedFromDisk() throws Exception {
        Path go = dir.resolve("go");
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            HttpResponse<String> started = hub.script("api/jobs/wait/runs", "{\"params\":{\"file\":\"" + go + "\"}}");
            assertEquals(201, started.statusCode(), started.body());
            String id = JsonParser.parseString(started.body()).getAsJsonObject().get("id").getAsString();
            HubRun run = hub.store.find(id).orElseThrow();
            assertInstanceOf(Recorder.class, run.run(), "live while it runs");
            try (SseLines follower = SseLines.open(hub, "runs/" + id + "/events", null)) {
                assertEquals(List.of("1:start", "2:stdout"), ids(follower, 2));
                Files.createFile(go);
                assertEquals(List.of("3:stdout", "4:exit"), ids(follower, 2), "on to the end, on the journal it was on");
                while (!(run.run() instanceof SavedRun)) {
                    Thread.sleep(10); // released just after the end is listed
                }
            }
            try (SseLines back = SseLines.open(hub, "runs/" + id + "/events", "2")) {
                assertEquals(List.of("3:stdout", "4:exit"), ids(back, 2), "from disk, the same ids");
            }
            String poll = hub.get("runs/" + id + "/poll?after=1").body();
            assertTrue(poll.contains("\"id\":2") && poll.contains("\"id\":4") && !poll.contains("\"id\":1,"), poll);
            assertEquals("waiting for " + go + "\ndone\n", hub.get("runs/" + id + "/log.txt").body());
            while (run.hasRetired()) {
                Thread.sleep(50); // closed once no viewer is on it and the grace has passed
            }
            assertFalse(run.hasRetired(), "the journal in memory is closed and can go");
            assertEquals("done", JsonParser.parseString(hub.get("runs/" + id + "/lines?from=2&to=2").body())
                    .getAsJsonObject().getAsJsonArray("lines").get(0).getAsJsonObject().get("text").getAsString());
            assertEquals(List.of(), hub.notices);
        }
    }
}
