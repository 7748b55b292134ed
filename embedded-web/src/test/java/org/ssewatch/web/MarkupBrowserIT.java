package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.RunConfig;

/**
 * A real command printing GitHub Actions markup, on the real page in Chromium: its groups fold
 * and unfold, its annotations are a click or a key away, and progress from the run fills the
 * bar and the tab's title.
 */
@Timeout(180)
class MarkupBrowserIT extends BrowserTest {
    private static final String BUILD = String.join("\n",
            "echo 'configure'",
            "echo '::group::Compile'",
            "for i in 1 2 3 4 5 6; do echo \"cc module_$i.c\"; done",
            "echo '::error file=src/module_4.c,line=42,col=7,title=cc::undefined reference to parse'",
            "echo '::endgroup::'",
            "echo '::group::Test'",
            "for i in 1 2 3; do echo \"test $i ok\"; done",
            "echo '::warning file=test/t.c,line=3::slow test'",
            "echo '::error::2 tests failed'",
            "echo '::endgroup::'",
            "echo 'done'");

    /** Runs {@code script} with bash on its own thread, as ssewatch would, into the server's recorder. */
    private static Thread run(TestServer s, String script) {
        Thread t = new Thread(() -> new CommandRunner(RunConfig.of(List.of("bash", "-c", script)), s.recorder, null, null).run(),
                "command");
        t.start();
        return t;
    }

    private static WebElement group(String name) {
        return browser.driver.findElement(By.cssSelector("#log section.group[data-group='" + name + "']"));
    }

    /** Whether the element is rendered (the browser's own checkVisibility: false inside a folded group). */
    private static boolean shown(String id) {
        return (Boolean) browser.js("return document.getElementById(arguments[0]).checkVisibility()", id);
    }

    private static boolean inView(String id) {
        return (Boolean) browser.js("var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                + " var top = document.getElementById('topbar').getBoundingClientRect().bottom;"
                + " return r.height > 0 && r.top >= top && r.bottom <= window.innerHeight;", id);
    }

    private static TestServer finishedBuild() throws Exception {
        TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate()));
        run(s, BUILD).join(30_000);
        browser.open(s.server.baseUrl());
        browser.awaitState("ok");
        browser.waitForLines(11);
        return s;
    }

    @Test
    void groupsFoldWhenEndedAndAClickOrEnterUnfoldsAndFoldsThem() throws Exception {
        try (TestServer s = finishedBuild()) {
            WebElement compile = group("compile");
            assertEquals("Compile", compile.findElement(By.cssSelector(".group-title")).getText());
            assertTrue(compile.findElement(By.cssSelector(".group-meta")).getText().startsWith("6 lines \u00B7 "),
                    compile.findElement(By.cssSelector(".group-meta")).getText());
            assertTrue(compile.getAttribute("class").contains("collapsed"), "GitHub's groups are collapsed once ended");
            assertFalse(shown("L2"), "a folded group's lines are not shown");
            assertTrue(shown("L1"));

            compile.findElement(By.cssSelector(".group-head")).click();
            assertTrue(shown("L2"), "a click unfolds it");
            assertEquals("true", compile.findElement(By.cssSelector(".group-head")).getAttribute("aria-expanded"));

            WebElement testHead = group("test").findElement(By.cssSelector(".group-head"));
            testHead.sendKeys(Keys.ENTER);
            assertTrue(shown("L8"), "Enter on the head unfolds it");
            testHead.sendKeys(Keys.ENTER);
            assertFalse(shown("L8"), "and Enter again folds it");
        }
    }

    @Test
    void theListOfMatchingLinesShowsMatchesInsideFoldedGroups() throws Exception {
        try (TestServer s = finishedBuild()) {
            assertFalse(shown("L4"));
            browser.driver.findElement(By.id("filter")).sendKeys("module_3");
            browser.waitUntil("one line matches", d -> "1".equals(browser.attr("match-count", "data-matches")));
            browser.driver.findElement(By.id("opt-matching")).click();
            browser.waitUntil("the match in the folded group is listed", d -> Boolean.TRUE.equals(
                    browser.js("var e = document.querySelector('#matches [data-line=\"4\"]'); return !!e && e.getBoundingClientRect().height > 0")));
            assertTrue(group("compile").getAttribute("class").contains("collapsed"), "the group itself stays folded");
            browser.driver.findElement(By.id("filter")).sendKeys(Keys.ESCAPE);
            browser.waitUntil("the filter is cleared, the log is back", d -> Boolean.TRUE.equals(browser.js("return document.getElementById('matches').hidden")));
            assertFalse(shown("L4"));
        }
    }

    @Test
    void aClickOnAnAnnotationInThePanelJumpsToItInsideItsFoldedGroup() throws Exception {
        try (TestServer s = finishedBuild()) {
            assertEquals("2", browser.attr("annotation-counts", "data-errors"));
            assertEquals("1", browser.attr("annotation-counts", "data-warnings"));
            browser.driver.findElement(By.id("annotation-counts")).click();
            List<WebElement> items = browser.driver.findElements(By.cssSelector("#annotations .annotation-item"));
            assertEquals(List.of("src/module_4.c:42:7", "line 11", "test/t.c:3"),
                    items.stream().map(i -> i.findElement(By.cssSelector(".annotation-where")).getText()).toList(),
                    "errors first, in the order they came, then the warning");
            items.get(2).click();
            browser.waitUntil("the warning's row is in view", d -> inView("A2"));
            assertFalse(group("test").getAttribute("class").contains("collapsed"), "its group was unfolded");
            assertTrue(browser.driver.findElement(By.id("A2")).getAttribute("class").contains("target"));
            assertEquals("slow test", browser.js("var t = document.querySelector('#A2 .text'); return t.lastChild.textContent"));
        }
    }

    @Test
    void keysEAndShiftEGoToTheNextAndThePreviousError() throws Exception {
        try (TestServer s = finishedBuild()) {
            browser.driver.findElement(By.tagName("body")).click();
            new Actions(browser.driver).sendKeys("e").perform();
            browser.waitUntil("the first error is in view", d -> inView("A1"));
            assertTrue(shown("L5"), "the Compile group was unfolded");
            new Actions(browser.driver).sendKeys("e").perform();
            browser.waitUntil("the second error is in view", d -> inView("A3"));
            assertEquals(1L, browser.js("return document.querySelectorAll('#log .target').length"));
            new Actions(browser.driver).sendKeys("E").perform();
            browser.waitUntil("back to the first error", d -> inView("A1")
                    && browser.driver.findElement(By.id("A1")).getAttribute("class").contains("target"));
        }
    }

    @Test
    void progressFillsTheBarAndGoesIntoTheTitleWhileTheRunLasts(@TempDir Path dir) throws Exception {
        Path go = dir.resolve("go");
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate()))) {
            Thread command = run(s, "echo working; while [ ! -e '" + go + "' ]; do sleep 0.05; done; echo done");
            browser.open(s.server.baseUrl());
            browser.waitForLines(1);
            browser.awaitState("running");
            s.recorder.event("progress", "{\"done\":40,\"total\":100,\"unit\":\"files\"}".getBytes(StandardCharsets.UTF_8));
            s.recorder.event("status", "{\"text\":\"copying fixtures\"}".getBytes(StandardCharsets.UTF_8));
            browser.waitUntil("the bar shows 40%", d -> "40".equals(browser.attr("progress", "data-percent")));
            assertEquals("40% \u00B7 40 / 100 files", browser.text("progress-text"));
            assertEquals("copying fixtures", browser.text("status-text"));
            Number width = (Number) browser.js("var b = document.getElementById('progress-bar');"
                    + " return getComputedStyle(b, '::before').width.replace('px', '') / b.getBoundingClientRect().width");
            browser.waitUntil("the fill is 40% of the bar", d -> Math.abs(((Number) browser.js(
                    "var b = document.getElementById('progress-bar');"
                            + " return parseFloat(getComputedStyle(b, '::before').width) / b.getBoundingClientRect().width")).doubleValue()
                    - 0.4) < 0.02);
            assertTrue(width.doubleValue() >= 0, "a width was computed");
            browser.waitUntil("the title starts with the percentage", d -> d.getTitle().startsWith("40% \u25B6 running"));
            assertTrue(browser.attr("favicon", "href").startsWith("data:image/svg+xml,"), "the favicon shows the progress");
            assertEquals(Boolean.TRUE, browser.js("var i = new Image(); i.src = document.getElementById('favicon').href;"
                    + " return i.decode().then(function () { return i.naturalWidth > 0; })"), "the favicon is an image the browser draws");

            s.recorder.event("progress", "{\"done\":100,\"total\":100}".getBytes(StandardCharsets.UTF_8));
            browser.waitUntil("the title says 100%", d -> d.getTitle().startsWith("100% "));
            Files.createFile(go);
            command.join(30_000);
            browser.awaitState("ok");
            browser.waitUntil("the title has no percentage once the run is over", d -> d.getTitle().startsWith("\u2714 exited 0"));
            assertEquals("favicon.svg?ok#ok", browser.attr("favicon", "href"));
        }
    }

    /**
     * Over polling every type comes; the stream drops types nobody listens for, and ssewatch.js
     * fetches those from poll, in their place.
     */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"sse", "poll"})
    void eventsOfOtherTypesShowInTheEventsPanel(String transport) throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            s.recorder.lines("stdout").line("before");
            s.recorder.event("deploy-step", "{\"step\":\"migrate\"}".getBytes(StandardCharsets.UTF_8));
            s.recorder.lines("stdout").line("after");
            browser.open(s.server.baseUrl().resolve("?transport=" + transport));
            browser.waitForLines(2);
            browser.waitUntil("the event is listed", d -> "1 event".equals(browser.text("events-toggle")));
            s.recorder.event("deploy-step", "{\"step\":\"<b>switch</b>\"}".getBytes(StandardCharsets.UTF_8));
            s.recorder.lines("stdout").line("live");
            browser.waitForLines(3);
            browser.waitUntil("the live event is listed", d -> "2 events".equals(browser.text("events-toggle")));
            browser.driver.findElement(By.id("events-toggle")).click();
            assertEquals(List.of("deploy-step {\"step\":\"migrate\"}", "deploy-step {\"step\":\"<b>switch</b>\"}"),
                    browser.driver.findElements(By.cssSelector("#event-list .event")).stream()
                            .map(e -> e.findElement(By.cssSelector(".event-type")).getText() + " "
                                    + e.findElement(By.cssSelector(".event-json")).getText()).toList());
            assertEquals(transport, browser.attr("transport", "data-transport"), "on the transport asked for");
            assertEquals(0L, browser.js("return document.querySelectorAll('#events b').length"));
        }
    }

    /**
     * Not a timing assertion: it checks what a toggle does at this size and prints what it cost,
     * for groups in the middle of the screen, layout included.
     */
    @Test
    void tenThousandGroupsFoldAndUnfoldOneAtATime() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate()))) {
            run(s, "for i in $(seq 1 10000); do echo \"::group::Step $i\"; echo \"line $i\"; echo '::endgroup::'; done").join(60_000);
            long t0 = System.nanoTime();
            browser.open(s.server.baseUrl());
            browser.awaitState("ok", java.time.Duration.ofSeconds(60));
            browser.waitUntil("every group is shown", java.time.Duration.ofSeconds(60),
                    d -> 10_000L == ((Number) browser.js("return document.querySelectorAll('#log section.group.collapsed').length")).longValue());
            long loadedMs = (System.nanoTime() - t0) / 1_000_000;
            @SuppressWarnings("unchecked")
            // Each toggle timed from a settled page (two frames after the last), to the end of the
            // style and layout it forces, so that one toggle's deferred work is not charged to the next.
            Map<String, Object> cost = (Map<String, Object>) browser.driver.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + " var heads = document.querySelectorAll('#log .group-head'); var open = [], close = [];"
                            + " function settle() { return new Promise(function (r) { requestAnimationFrame(function () {"
                            + "   requestAnimationFrame(r); }); }); }"
                            + " function timed(h) { var t = performance.now(); h.click(); document.body.offsetHeight;"
                            + "   return performance.now() - t; }"
                            + " (async function () { for (var k = 0; k < 20; k++) { var h = heads[5000 + k];"
                            + "   h.scrollIntoView({block: 'center'}); await settle();"
                            + "   open.push(timed(h)); await settle(); close.push(timed(h)); await settle(); }"
                            + "   heads[5000].click();"
                            + "   open.sort(function (a, b) { return a - b; }); close.sort(function (a, b) { return a - b; });"
                            + "   done({openMedian: open[10], openMax: open[19], closeMedian: close[10], closeMax: close[19]}); })();");
            assertTrue(shown("L5001"), "the unfolded group's line shows");
            assertFalse(shown("L5002"), "its neighbour stays folded");
            System.out.printf("10,000 groups: page loaded and rendered in %d ms; unfold + layout median %.1f ms (max %.1f),"
                    + " fold + layout median %.1f ms (max %.1f)%n", loadedMs,
                    ((Number) cost.get("openMedian")).doubleValue(), ((Number) cost.get("openMax")).doubleValue(),
                    ((Number) cost.get("closeMedian")).doubleValue(), ((Number) cost.get("closeMax")).doubleValue());
        }
    }
}
