package org.ssewatch.web.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.ExitReason;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Launch;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;
import org.ssewatch.web.Listener;
import org.ssewatch.web.ServerConfig;

/** A read-only hub over a list that the test changes, on a real server: the page, the list and its event stream. */
class ReadOnlyHubIT {
    private static final String WHY = "This is a relay: runs are started on the hub that runs them.";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<RunListing> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();
    private ReadOnlyHub hub;
    private Listener listener;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        runs.add(running("20261202-010000-aaaaaa", "build"));
        hub = new ReadOnlyHub(WHY, () -> {
            asked.incrementAndGet();
            return List.copyOf(runs);
        });
        listener = Listener.start(ServerConfig.defaults().withBind("127.0.0.1").withToken(null), hub);
        base = listener.baseUrl();
    }

    @AfterEach
    void stop() {
        hub.close(); // its streams first, as HubServer does, while the server's threads still run
        listener.close();
    }

    private static RunListing running(String id, String job) {
        return new RunListing(id, new Launch(job, Map.of("n", "1"), "alice", null), RunState.RUNNING, 1_764_637_200_000L, 0,
                null);
    }

    @Test
    void thePageIsTheHubsAndApiJobsSaysItIsReadOnlyWithNoJobs() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-ssewatch-hub") && page.body().contains("hub/hub.mjs"), page.body());
        assertEquals(200, get("hub/mode.mjs").statusCode());
        assertEquals("{\"canStart\":false,\"readOnly\":\"" + WHY + "\",\"jobs\":[]}", get("api/jobs").body());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("api/jobs/build/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode(), "no job can be started here");
        HttpResponse<String> postList = http.send(HttpRequest.newBuilder(base.resolve("api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, postList.statusCode());
    }

    @Test
    void apiRunsIsTheSourcesListInTheHubsJson() throws Exception {
        String list = get("api/runs").body();
        assertTrue(list.startsWith("{\"runs\":[{\"id\":\"20261202-010000-aaaaaa\",\"url\":\"runs/20261202-010000-aaaaaa/\","
                + "\"job\":\"build\",\"state\":\"running\",\"started\":1764637200000"), list);
        assertTrue(list.contains("\"startedBy\":{\"operator\":\"alice\"") && list.contains("\"params\":{\"n\":\"1\"}"), list);
    }

    @Test
    void theEventStreamStartsWithTheWholeListThenGetsEachChangeOnRefresh() throws Exception {
        try (SseLines events = SseLines.open(http, base.resolve("api/runs/events"), null)) {
            SseLines.Event whole = events.next();
            assertEquals("runs", whole.event());
            assertTrue(whole.data().contains("20261202-010000-aaaaaa"), whole.data());
            runs.add(0, running("20261202-020000-bbbbbb", "deploy"));
            hub.refresh();
            SseLines.Event added = events.next();
            assertEquals("run", added.event());
            assertTrue(added.data().contains("\"id\":\"20261202-020000-bbbbbb\""), added.data());
            runs.set(1, new RunListing("20261202-010000-aaaaaa", new Launch("build", Map.of("n", "1"), "alice", null),
                    RunState.FAILED, 1_764_637_200_000L, 1_764_637_260_000L, new ExitStatus(3, 3, null, ExitReason.EXITED, null)));
            hub.refresh();
            SseLines.Event ended = events.next();
            assertEquals("run", ended.event());
            assertTrue(ended.data().contains("\"state\":\"failed\"") && ended.data().contains("\"durationMs\":60000"), ended.data());
            runs.remove(0);
            hub.refresh();
            SseLines.Event removed = events.next();
            assertEquals("removed", removed.event());
            assertEquals("{\"id\":\"20261202-020000-bbbbbb\"}", removed.data());
        }
    }

    @Test
    void withoutViewersOfTheStreamRefreshAsksTheSourceNothing() throws Exception {
        int before = asked.get();
        hub.refresh();
        hub.refresh();
        assertEquals(before, asked.get(), "nobody watches the list: nothing to ask for");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
