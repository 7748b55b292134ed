package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.Launch;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;
import org.ssewatch.web.hub.ReadOnlyHub;

/** A read-only hub's page (a relay's) in headless Chromium: no jobs and no login, its reason said, the runs live. */
@Timeout(120)
class ReadOnlyHubBrowserIT extends BrowserTest {
    private static final String WHY = "This is a relay: it shows the runs published to Redis, read only.";

    @Test
    void thePageSaysWhyInPlaceOfJobsAndListsTheRunsLive() throws Exception {
        List<RunListing> runs = new CopyOnWriteArrayList<>();
        runs.add(new RunListing("20261202-010000-aaaaaa", new Launch("make test", Map.of(), null, null), RunState.RUNNING,
                System.currentTimeMillis(), 0, null));
        ReadOnlyHub hub = new ReadOnlyHub(WHY, () -> List.copyOf(runs));
        Listener listener = Listener.start(ServerConfig.defaults().withBind("127.0.0.1"), hub);
        try {
            browser.open(listener.baseUrl(), "window.ssewatchHub");
            browser.waitUntil("the reason is said", d -> WHY.equals(browser.text("notice")));
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('jobs-section').hidden"), "no jobs");
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('login').hidden"), "no login");
            browser.waitUntil("the run is listed", d -> "running".equals(state("20261202-010000-aaaaaa")));
            assertEquals("make test", browser.js("return document.querySelector('tr[data-run] td:nth-child(2)').textContent"));
            runs.add(0, new RunListing("20261202-020000-bbbbbb", new Launch("deploy", Map.of(), "alice", null),
                    RunState.RUNNING, System.currentTimeMillis(), 0, null));
            browser.waitUntil("a new run appears without a reload", d -> {
                hub.refresh(); // as the relay's timer does; asks the list only while the page watches
                return "running".equals(state("20261202-020000-bbbbbb"));
            });
            assertEquals(0L, browser.js("return document.querySelectorAll('#runs button').length"), "nothing to press");
        } finally {
            hub.close();
            listener.close();
        }
    }

    private String state(String id) {
        return (String) browser.js("var r = document.querySelector('tr[data-run=\"' + arguments[0] + '\"]');"
                + " return r ? r.dataset.state : null", id);
    }
}
