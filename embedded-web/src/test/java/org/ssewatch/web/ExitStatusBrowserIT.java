package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The end of a run shows in the state chip and the document title, whether it came live or was over before the page loaded. */
@Timeout(120)
class ExitStatusBrowserIT extends BrowserTest {
    @ParameterizedTest(name = "status {0} shows as {1}: {2} (live: {4})")
    @CsvSource({
        "0,   ok,     exited 0,          \u2714, true",
        "3,   failed, failed with 3,     \u2716, true",
        "143, killed, killed by SIGTERM, \u2716, true",
        "0,   ok,     exited 0,          \u2714, false",
        "3,   failed, failed with 3,     \u2716, false",
        "143, killed, killed by SIGTERM, \u2716, false",
    })
    void theExitStatusShowsInTheStateChipAndTheTitle(int status, String state, String text, String mark, boolean live) throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            s.recorder.lines("stdout").line("working");
            if (!live) {
                s.exit(status);
            }
            browser.open(s.server.baseUrl());
            browser.waitForLines(1);
            if (live) {
                browser.awaitState("running");
                assertEquals("running", browser.text("state"));
                assertTrue(browser.driver.getTitle().startsWith("\u25B6 running \u2014 make all"), browser.driver.getTitle());
                s.exit(status);
            }
            browser.awaitState(state);
            assertEquals(text, browser.text("state"));
            assertEquals(state, browser.js("return document.documentElement.getAttribute('data-state')"));
            assertEquals(mark + " " + text + " \u2014 make all \u2014 ssewatch", browser.driver.getTitle());
            assertTrue(browser.attr("favicon", "href").startsWith("favicon.svg?" + ("ok".equals(state) ? "ok" : "failed")),
                    browser.attr("favicon", "href"));
            // the chip is coloured for its state, not left in the running colour
            String chip = (String) browser.js("return getComputedStyle(document.getElementById('state')).backgroundColor");
            String expected = (String) browser.js("var p = document.createElement('span'); p.style.color = 'var(--chip-' + arguments[0] + ')';"
                    + " document.body.appendChild(p); var c = getComputedStyle(p).color; p.remove(); return c;", state);
            assertEquals(expected, chip, "the chip's colour for " + state);
        }
    }

    /** Every title the page sets, from its first (before anything has arrived) on. */
    @org.junit.jupiter.api.Test
    void theTitleNamesSsewatchOnceFromTheFirstMoment() throws Exception {
        String recorder = browser.onNewDocument("window.__titles = []; var d = Object.getOwnPropertyDescriptor(Document.prototype, 'title');"
                + " Object.defineProperty(Document.prototype, 'title', {configurable: true, get: function () { return d.get.call(this); },"
                + " set: function (v) { window.__titles.push(v); d.set.call(this, v); }});");
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            browser.open(s.server.baseUrl());
            browser.awaitState("running");
            s.exit(0);
            browser.awaitState("ok");
            @SuppressWarnings("unchecked")
            java.util.List<String> titles = (java.util.List<String>) browser.js("return window.__titles");
            assertEquals("\u25B6 connecting \u2014 ssewatch", titles.get(0), "titles: " + titles);
            assertTrue(titles.contains("\u25B6 running \u2014 make all \u2014 ssewatch"), "titles: " + titles);
            assertEquals("\u2714 exited 0 \u2014 make all \u2014 ssewatch", browser.driver.getTitle());
            for (String t : titles) {
                assertEquals(t.indexOf("ssewatch"), t.lastIndexOf("ssewatch"), "ssewatch twice: " + titles);
            }
        } finally {
            browser.removeOnNewDocument(recorder);
        }
    }
}
