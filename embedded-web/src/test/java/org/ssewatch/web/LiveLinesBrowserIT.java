package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.logging.LogEntry;

/**
 * A real browser on the real page: lines written after the page has loaded appear on it, over
 * Server-Sent Events, over long-polling when asked, and over long-polling by itself when the
 * browser has no EventSource.
 */
@Timeout(120)
class LiveLinesBrowserIT extends BrowserTest {
    static TestServer server() throws ServerStartException {
        return TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started();
    }

    /** Writes lines "live i" for i in [from, to] and waits until the page shows every one of them. */
    private static void writeAndSee(TestServer s, int from, int to) {
        for (int i = from; i <= to; i++) {
            s.recorder.lines(i % 5 == 0 ? "stderr" : "stdout").line("live " + i);
        }
        browser.waitForLines(to);
        List<Map<String, Object>> lines = browser.lines();
        for (int i = 1; i <= to; i++) {
            Map<String, Object> l = lines.get(i - 1);
            assertEquals((long) i, ((Number) l.get("n")).longValue());
            assertEquals("live " + i, l.get("text"));
            assertEquals(i % 5 == 0 ? "stderr" : "stdout", l.get("stream"));
        }
    }

    private static void runningFirst(TestServer s, String query) {
        browser.open(s.server.baseUrl().resolve(query));
        browser.awaitState("running");
        assertEquals("make all", browser.text("command"));
        assertEquals("buildhost", browser.text("host"));
        assertEquals("4242", browser.text("pid"));
    }

    private static void exitsOk(TestServer s) {
        s.exit(0);
        browser.awaitState("ok");
    }

    @Test
    void linesWrittenAfterThePageLoadedArriveLiveOverServerSentEvents() throws Exception {
        try (TestServer s = server()) {
            runningFirst(s, "");
            assertEquals("sse", browser.attr("transport", "data-transport"));
            assertEquals("Server-Sent Events", browser.text("transport"));
            for (int batch = 0; batch < 3; batch++) {
                writeAndSee(s, batch * 4 + 1, batch * 4 + 4);
            }
            assertEquals(Boolean.TRUE, browser.js("var s = window.ssewatchSource;"
                    + " return s.transport === 'sse' && s._es !== null && s._es.readyState === 1 && s._xhr === null"),
                    "the events came through an open EventSource, with no poll running");
            assertEquals("sse", browser.attr("transport", "data-transport"));
            assertEquals("10", browser.attr("counts", "data-stdout"));
            assertEquals("2", browser.attr("counts", "data-stderr"));
            exitsOk(s);
        }
    }

    @Test
    void linesWrittenAfterThePageLoadedArriveLiveOverLongPollingWhenAsked() throws Exception {
        try (TestServer s = server()) {
            runningFirst(s, "?transport=poll");
            assertEquals("poll", browser.attr("transport", "data-transport"));
            assertEquals("long-polling", browser.text("transport"));
            for (int batch = 0; batch < 3; batch++) {
                writeAndSee(s, batch * 4 + 1, batch * 4 + 4);
            }
            assertEquals(Boolean.TRUE, browser.js("var s = window.ssewatchSource; return s.transport === 'poll' && s._es === null"));
            exitsOk(s);
            assertEquals(Boolean.TRUE, browser.js("return window.ssewatchSource.done"), "the client stopped polling after the exit");
        }
    }

    @Test
    void withoutEventSourceTheFallbackDeliversEverything() throws Exception {
        String script = browser.onNewDocument("delete window.EventSource;");
        try (TestServer s = server()) {
            for (int i = 1; i <= 30; i++) {
                s.recorder.lines(i % 5 == 0 ? "stderr" : "stdout").line("live " + i);
            }
            runningFirst(s, "");
            assertEquals("undefined", browser.js("return typeof window.EventSource"));
            assertEquals("poll", browser.attr("transport", "data-transport"));
            browser.waitForLines(30);
            writeAndSee(s, 31, 40);
            exitsOk(s);
            assertEquals("exited 0", browser.text("state"));
            assertEquals(40, browser.lineCount(), "the whole run, each line once");
        } finally {
            browser.removeOnNewDocument(script);
        }
    }

    /** The line numbers of the rows, in document order. */
    @SuppressWarnings("unchecked")
    private static List<Number> rows() {
        return (List<Number>) browser.js("return Array.from(document.querySelectorAll('#log .line[data-line]'), function (e) { return Number(e.getAttribute('data-line')); })");
    }

    /** The rows are lines first..last, each once, in order. */
    private static void rowsAre(long first, long last) {
        List<Number> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(first + i, rows.get(i).longValue(), "row " + i);
        }
        assertEquals(last, first + rows.size() - 1);
    }

    private static void writeLive(TestServer s, int from, int to) {
        for (int i = from; i <= to; i++) {
            s.recorder.lines("stdout").line("live " + i);
        }
    }

    /** page/reading.mjs: once the log is full, a reader away from the tail gets no new rows until they come back. */
    @Test
    void aReaderAwayFromTheTailOfAFullLogGetsTheNewLinesWhenTheyComeBack() throws Exception {
        try (TestServer s = server()) {
            runningFirst(s, "");
            // in batches the page makes rows for before the next comes: a flood would be caught up with (catchup.mjs)
            for (int from = 1; from <= 19100; from += 2000) {
                int to = Math.min(19100, from + 1999);
                writeLive(s, from, to);
                browser.waitUntil("line " + to + " shown", d -> browser.text("L" + to) != null);
            }
            browser.waitUntil("the log is full, at the tail", d -> browser.text("L19100") != null && browser.lineCount() == 19000);
            browser.js("window.scrollBy(0, -3000)");
            browser.waitUntil("the reader left the tail", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('opt-follow').checked")));
            writeLive(s, 19101, 19150);
            browser.waitUntil("the placeholder counts the new lines", d -> String.valueOf(browser.text("later-lines")).endsWith("(50 new)"));
            assertEquals("lines 19,101\u201319,150 not loaded \u2014 scroll down or press End (50 new)", browser.text("later-lines"));
            rowsAre(101, 19100); // no row below the reader, none dropped above

            browser.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End', bubbles: true}))");
            browser.waitUntil("End lays the new lines out", d -> browser.text("L19150") != null);
            rowsAre(151, 19150);
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('opt-follow').checked && document.getElementById('later-lines').hidden"));

            browser.js("window.scrollBy(0, -3000)");
            browser.waitUntil("the reader left the tail", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('opt-follow').checked")));
            writeLive(s, 19151, 19160);
            browser.waitUntil("the placeholder counts the new lines", d -> String.valueOf(browser.text("later-lines")).endsWith("(10 new)"));
            rowsAre(151, 19150);
            browser.js("window.scrollTo(0, document.documentElement.scrollHeight)");
            browser.waitUntil("scrolling down to the bottom lays the new lines out", d -> browser.text("L19160") != null);
            rowsAre(161, 19160);
            writeLive(s, 19161, 19161);
            browser.waitUntil("following again", d -> browser.text("L19161") != null);
            exitsOk(s);
        }
    }

    /**
     * page/catchup.mjs: a flood faster than the page makes rows, followed: the rows made are the
     * newest, and the lines before them load from the server on the way up.
     */
    @Test
    void aFollowedFloodShowsItsNewestLinesAndTheRestLoadOnTheWayUp() throws Exception {
        try (TestServer s = server()) {
            runningFirst(s, "");
            writeLive(s, 1, 30000);
            browser.waitUntil("the last line shown", d -> browser.text("L30000") != null);
            browser.waitUntil("no line waits for its row", d -> Boolean.TRUE.equals(browser.js(
                    "var r = document.querySelectorAll('#log .line[data-line]'); return r.length > 0 && r[r.length - 1].id === 'L30000'")));
            List<Number> shown = rows();
            long first = shown.get(0).longValue();
            assertTrue(first > 1 && shown.size() < 19000, "the log let go of the lines before the newest: rows " + first + "-30000");
            rowsAre(first, 30000);
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('opt-follow').checked"), "still following");
            assertTrue(String.valueOf(browser.text("hidden-lines")).startsWith(String.format(Locale.ROOT,
                    "lines 1\u2013%,d not loaded", first - 1)), browser.text("hidden-lines"));

            browser.js("document.getElementById('L' + arguments[0]).scrollIntoView(); window.scrollBy(0, -200)", first);
            browser.waitUntil("the lines just above load", d -> browser.text("L" + (first - 1)) != null);
            List<Number> after = rows();
            rowsAre(after.get(0).longValue(), 30000);
            assertTrue(after.get(0).longValue() < first);
            exitsOk(s);
        }
    }

    @Test
    void theConsoleReportsNoContentSecurityPolicyViolations() throws Exception {
        browser.consoleLog(); // what earlier tests left
        try (TestServer s = server()) {
            s.recorder.lines("stdout").line("\u001b[1;31mred bold\u001b[0m \u001b[38;5;208m256\u001b[0m \u001b[38;2;1;2;3;48;2;250;240;230mrgb\u001b[0m");
            s.recorder.lines("stderr").line("<img src=x onerror=alert(1)> \u001b]8;;http://example.com\u0007link\u001b]8;;\u0007");
            runningFirst(s, "#L2");
            browser.waitForLines(2);
            s.recorder.lines("stdout").line("\u001b[7minverse\u001b[0m");
            browser.waitForLines(3);
            browser.js("document.getElementById('opt-timestamps').click(); document.getElementById('opt-wrap').click();");
            exitsOk(s);
            browser.waitUntil("the favicon shows the end", d -> String.valueOf(browser.attr("favicon", "href")).contains("ok"));
            List<LogEntry> log = browser.consoleLog();
            List<String> csp = log.stream().map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy"))
                    .collect(Collectors.toList());
            assertTrue(csp.isEmpty(), "CSP violations: " + csp);
            List<String> errors = log.stream().filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).collect(Collectors.toList());
            assertTrue(errors.isEmpty(), "console errors: " + errors);

            // The check can fail: a load the policy forbids is reported in the same log.
            browser.js("var i = new Image(); i.src = 'http://127.0.0.1:9/forbidden.png';");
            browser.waitUntil("the browser reported a forbidden load", d -> browser.consoleLog().stream()
                    .anyMatch(e -> e.getMessage().contains("Content Security Policy")));
        }
    }
}
