package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ssewatch.js used on its own, as an embedder's page would, with its timers shortened. */
@Timeout(60)
class ClientLibraryBrowserIT extends BrowserTest {
    @Test
    void eventsOfATypeNobodyListensForDoNotMakeTheClientFallBackToPolling() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            s.recorder.lines("stdout").line("one");
            // An embedder's own event type, journaled after the last line; this page does not listen for it.
            s.journal.append("progress", "{\"percent\":50}".getBytes(StandardCharsets.UTF_8));
            browser.open(s.server.baseUrl());
            browser.js("window.__got = []; window.__sw = new SseWatch(arguments[0],"
                    + " {transport: 'auto', silenceTimeout: 500, probeGrace: 300});"
                    + " window.__sw.addEventListener('stdout', function (e) { window.__got.push(e.id); });",
                    s.server.baseUrl().toString());
            browser.waitUntil("the stream delivered the line", d -> List.of(2L).equals(browser.js("return window.__got")));

            // Silence probes (the first after 500 ms without events, the smallest timeout there is)
            // find the progress event. Each that finds nothing held back doubles the wait: two did.
            browser.waitUntil("two silence probes found the stream caught up",
                    d -> ((Number) browser.js("return window.__sw._silence")).longValue() >= 2000);
            assertEquals("sse", browser.js("return window.__sw.transport"),
                    "the client switched to polling: the stream was taken to be holding events back");
            browser.js("window.__sw.close()");
        }
    }
}
