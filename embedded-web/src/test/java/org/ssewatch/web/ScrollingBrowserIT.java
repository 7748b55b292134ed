package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Recorder;

/** Where the real page puts the reader: permalinks, following the tail, the new-lines button, counts of a finished run. */
@Timeout(120)
class ScrollingBrowserIT extends RunPageBrowserTest {
    /**
     * What keeps line {@code n} from being shown as the permalink target (highlighted, fully in the
     * viewport, not under the sticky header), or null when nothing does.
     */
    private static String targetProblem(int n) {
        return (String) browser.js("var e = document.getElementById('L' + arguments[0]); if (!e) { return 'no such line'; }"
                + " var r = e.getBoundingClientRect();"
                + " var hit = document.elementFromPoint(r.left + Math.min(r.width - 1, 40), r.top + r.height / 2);"
                + " var next = document.getElementById('L' + (arguments[0] + 1));"
                + " if (!e.classList.contains('target')) { return 'not highlighted: ' + e.className; }"
                + " if (r.top < 0 || r.bottom > window.innerHeight) { return 'out of view: ' + r.top + '..' + r.bottom + ' of ' + window.innerHeight; }"
                + " if (!hit || !e.contains(hit)) { return 'covered by ' + (hit && hit.outerHTML.slice(0, 100)); }"
                + " var bg = getComputedStyle(e).backgroundColor;"
                + " if (next && bg === getComputedStyle(next).backgroundColor) { return 'same background as the next line: ' + bg; }"
                + " return null;", n);
    }

    private static void awaitTarget(int n) {
        String[] last = {null};
        browser.waitUntil(() -> "line " + n + " is the target, in view, but: " + last[0], Browser.WAIT,
                d -> (last[0] = targetProblem(n)) == null);
    }

    /** Whether the last line is on screen, above the bottom of the viewport. */
    private static boolean lastLineInView(int n) {
        return Boolean.TRUE.equals(browser.js("var e = document.getElementById('L' + arguments[0]); if (!e) { return false; }"
                + " var r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight + 1;", n));
    }

    /** Prints {@link #longLine}s {@code from} to {@code to}. */
    private static void printLongLines(Recorder.StreamLines out, int from, int to) {
        for (int i = from; i <= to; i++) {
            out.line(longLine(i));
        }
    }

    private static String longLine(int i) {
        return i % 3 == 0 ? ("line " + i + " " + "wrapping text ".repeat(40)).trim() : "line " + i;
    }

    @Test
    void aPermalinkScrollsToItsLineAndHighlightsIt() throws Exception {
        try (TestServer s = server()) {
            startMake(s);
            for (int i = 1; i <= 300; i++) {
                s.recorder.lines("stdout").line("line number " + i);
            }
            open(s, "#L5");
            browser.waitForLines(300);
            awaitTarget(5);
            assertFalse(browser.driver.findElement(By.id("opt-follow")).isSelected(), "a permalink stops following the tail");
            assertEquals(1L, browser.js("return document.querySelectorAll('.line.target').length"));

            for (int i = 301; i <= 340; i++) {
                s.recorder.lines("stdout").line("line number " + i);
            }
            browser.waitForLines(340);
            assertEquals(null, targetProblem(5), "new output does not scroll the permalinked line away");

            browser.js("window.location.hash = '#L250'");
            awaitTarget(250);
            assertFalse(browser.driver.findElement(By.id("L5")).getAttribute("class").contains("target"));
            assertTrue(((Number) browser.js("return window.scrollY")).doubleValue() > 0);

            // a line that does not exist yet: the page jumps when it comes
            browser.js("window.location.hash = '#L360'");
            for (int i = 341; i <= 400; i++) {
                s.recorder.lines("stdout").line("line number " + i);
            }
            browser.waitForLines(400);
            awaitTarget(360);
            s.recorder.exit(ExitStatus.fromProcess(0));
        }
    }

    @Test
    void inALongLogWithWrappedLinesPermalinksAndFollowingStillLandOnTheirLines() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            printLongLines(out, 1, 6000);
            open(s, "#L3000");
            browser.waitForLines(6000);
            awaitTarget(3000);
            browser.driver.executeAsyncScript("var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(done); });");
            assertEquals(null, targetProblem(3000), "line 3000 stays in view once the blocks around it are laid out");

            browser.js("window.location.hash = '#L4500'");
            awaitTarget(4500);

            // Back to following the tail (End): the last line is in view, and stays so as lines come.
            browser.js("document.getElementById('opt-follow').click()");
            browser.waitUntil("the last line is in view", d -> lastLineInView(6000));
            printLongLines(out, 6001, 6030);
            browser.waitForLines(6030);
            browser.waitUntil("the new last line is in view", d -> lastLineInView(6030));
            s.recorder.exit(ExitStatus.fromProcess(0));
        }
    }

    @Test
    void scrollingUpStopsFollowingAndTheNewLinesButtonBringsTheTailBack() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            printLongLines(out, 1, 3000);
            open(s, "");
            browser.waitForLines(3000);
            browser.waitUntil("following, the last line is in view", d -> lastLineInView(3000));
            WebElement follow = browser.driver.findElement(By.id("opt-follow"));
            assertTrue(follow.isSelected());

            new Actions(browser.driver).scrollByAmount(0, -3000).perform();
            browser.waitUntil("scrolling up stops following", d -> !follow.isSelected());
            printLongLines(out, 3001, 3020);
            browser.waitForLines(3020);
            WebElement button = browser.driver.findElement(By.id("new-lines"));
            browser.waitUntil("the new lines are counted", d -> button.isDisplayed() && "20 new lines \u2193".equals(button.getText()));
            assertFalse(lastLineInView(3020), "the reader's place is kept");

            button.click();
            browser.waitUntil("the last line is in view again", d -> lastLineInView(3020));
            assertTrue(follow.isSelected());
            assertFalse(button.isDisplayed());
            out.line(longLine(3021));
            browser.waitForLines(3021);
            browser.waitUntil("following again", d -> lastLineInView(3021));
            s.recorder.exit(ExitStatus.fromProcess(0));
        }
    }

    /**
     * A late joiner's page replays a finished run; opened at an early line (not following the
     * tail), the lines rendered after that one are history, not news.
     */
    @Test
    void aFinishedRunOpenedAtAnEarlyLineClaimsNoNewLines() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            // fewer than the page holds (page/log.mjs MAX_LINES), so that the page replays the whole run
            for (int i = 1; i <= 15_000; i++) {
                out.line("line " + i);
            }
            s.recorder.exit(ExitStatus.fromProcess(0));
            open(s, "#L5");
            browser.waitForLines(15_000);
            browser.awaitState("ok");
            awaitTarget(5);
            assertFalse(browser.driver.findElement(By.id("opt-follow")).isSelected(), "the permalink is kept in view");
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('new-lines').hidden"),
                    "claims " + browser.text("new-lines"));
        }
    }

    @Test
    void theNewLinesButtonGoesAwayWhenTheRunEnds() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            printLongLines(out, 1, 3000);
            open(s, "");
            browser.waitForLines(3000);
            browser.waitUntil("following, the last line is in view", d -> lastLineInView(3000));
            WebElement follow = browser.driver.findElement(By.id("opt-follow"));
            new Actions(browser.driver).scrollByAmount(0, -3000).perform();
            browser.waitUntil("scrolling up stops following", d -> !follow.isSelected());
            printLongLines(out, 3001, 3020);
            WebElement button = browser.driver.findElement(By.id("new-lines"));
            browser.waitUntil("the new lines are counted", d -> button.isDisplayed());

            s.recorder.exit(ExitStatus.fromProcess(0));
            browser.awaitState("ok");
            assertFalse(button.isDisplayed(), "a finished run still claims " + button.getText());
            assertFalse(follow.isSelected(), "the reader's place is kept");
        }
    }

    @Test
    void aPermalinkToALineThatNeverComesGivesWayToFollowingAndIsReportedAtTheEnd() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            printLongLines(out, 1, 50);
            open(s, "#L999999");
            browser.waitForLines(50);
            WebElement follow = browser.driver.findElement(By.id("opt-follow"));
            assertFalse(follow.isSelected(), "waiting for its permalinked line");

            // The reader picks the tail instead: it follows, although line 999999 has not come.
            browser.js("document.getElementById('opt-follow').click()");
            printLongLines(out, 51, 400);
            browser.waitForLines(400);
            browser.waitUntil("following the tail", d -> lastLineInView(400));

            // A permalink past the end of the run: once the run is over, the page says so.
            browser.js("window.location.hash = '#L5000'");
            s.recorder.exit(ExitStatus.fromProcess(0));
            browser.waitUntil("the page says line 5000 is not there",
                    d -> "Line 5000 is not in this log.".equals(browser.text("notice")));
            new Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.END).perform();
            browser.waitUntil("following again", d -> follow.isSelected() && lastLineInView(400));
        }
    }

    @Test
    void aPageOpenedAfterTheRunCountsTheRunsLinesNeverMore() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            for (int i = 1; i <= 20_000; i++) {
                out.line("line " + i);
            }
            s.recorder.exit(ExitStatus.fromProcess(0));
            // The status (which already knows the end) answers long before the replay of 20,000 lines is
            // done; the count shown must only ever go up to the run's own. Watched from before the
            // page's own script runs.
            String watcher = browser.onNewDocument(
                    "window.__maxCount = 0; document.addEventListener('DOMContentLoaded', function () {"
                    + " var el = document.getElementById('counts'); new MutationObserver(function () {"
                    + " window.__maxCount = Math.max(window.__maxCount, Number(el.getAttribute('data-stdout'))); })"
                    + ".observe(el, {attributes: true}); });");
            try {
                open(s, "");
                // More lines than the page holds: it opens at the tail (page/window.mjs), and the
                // count of the lines before comes from the server's status.
                browser.waitUntil("the last line is shown", d -> Boolean.TRUE.equals(browser.js("return !!document.getElementById('L20000')")));
                browser.waitUntil("the final count", d -> "20000".equals(browser.attr("counts", "data-stdout")));
                assertEquals(20_000L, ((Number) browser.js("return window.__maxCount")).longValue());
            } finally {
                browser.removeOnNewDocument(watcher);
            }
        }
    }
}
