package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/**
 * The page's searches on the server over a finished run of 200,000 lines, most of them only in
 * the spill file, that the page opens at its tail: s and S (the next and the first stderr line),
 * the search near the reader, and the list of only the matching lines of the whole run.
 */
@Timeout(180)
class WholeRunSearchBrowserIT extends RunPageBrowserTest {
    static final int LINES = 200_000;
    /** Line N is "line N"; these lines are on stderr. */
    static final List<Integer> STDERR = List.of(5, 120_000, 199_990);
    static Path spill;
    static TestServer run;

    @BeforeAll
    static void recordTheRun() throws Exception {
        spill = Files.createTempDirectory("ssewatch-whole-run-search");
        run = new TestServer(new JournalConfig(10_000, 4 << 20, spill, 1L << 30),
                TestServer.loopback().withToken(Tokens.generate()));
        run.recorder.start(new StartInfo(List.of("make"), "/src", "h", 2L, null, false));
        Recorder.StreamLines out = run.recorder.lines("stdout");
        Recorder.StreamLines err = run.recorder.lines("stderr");
        for (int n = 1; n <= LINES; n++) {
            (STDERR.contains(n) ? err : out).line("line " + n);
        }
        run.recorder.exit(ExitStatus.fromProcess(0));
    }

    @AfterAll
    static void stopRun() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    private static void openAtTheTail() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
    }

    private static void press(String key) {
        browser.js("if (document.activeElement) { document.activeElement.blur(); }");
        browser.driver.findElement(By.tagName("body")).sendKeys(key);
    }

    @Test
    void sGoesToTheNextStderrLineAndSToTheFirstLoadingItsLines() {
        openAtTheTail();
        press("s");
        browser.waitUntil("the stderr line after the one on screen", d -> targetInView(199_990));
        press("s");
        browser.waitUntil("no stderr line after it", d -> browser.text("notice").equals("No stderr line after line 199,990."));
        press("S");
        browser.waitUntil("the first stderr line of the run, loaded by range", d -> targetInView(5));
        assertEquals("stderr", browser.driver.findElement(By.id("L5")).getAttribute("data-stream"));
        press("s");
        browser.waitUntil("the next one after it", d -> targetInView(120_000));
    }

    @Test
    void aHitNearTheReaderIsShownAndSteppedToBeforeTheCountFromLineOneReachesIt() {
        openAtTheTail();
        // The count's answers (its viewer has no "-near") are held back until released, so that
        // the hit can only come from the search near the reader.
        browser.js("var real = window.fetch; window.__held = []; window.__release = function () { window.__held.forEach(function (f) { f(); }); window.__held = null; };"
                + " window.fetch = function (url, o) { if (String(url).indexOf('search?') === 0 && !/viewer=[^&]*-near/.test(url) && window.__held) {"
                + " return new Promise(function (resolve, reject) { window.__held.push(function () { real(url, o).then(resolve, reject); }); }); }"
                + " return real(url, o); };");
        WebElement filter = browser.driver.findElement(By.id("filter"));
        filter.sendKeys("line 199999");
        browser.waitUntil("the hit near the reader is counted", d -> "1 line matches, counting\u2026".equals(browser.text("match-count")));
        filter.sendKeys(Keys.ENTER);
        browser.waitUntil("Enter goes to it", d -> targetInView(199_999));
        browser.js("window.__release();");
        browser.waitUntil("the count ends, with the hit counted once", d -> "1 of 1 line matches".equals(browser.text("match-count")));
    }

    @Test
    void onlyMatchingLinesListsTheWholeRunsMatchesAndALineNumberGoesToTheLine() {
        openAtTheTail();
        WebElement filter = browser.driver.findElement(By.id("filter"));
        filter.sendKeys("line 1234");
        // 1234, 12340-12349, 123400-123499
        browser.waitUntil("the count of the whole run", d -> "111 lines match".equals(browser.text("match-count")));
        browser.driver.findElement(By.id("opt-matching")).click();
        browser.waitUntil("the list of matching lines", d -> Long.valueOf(111).equals(browser.js("return document.querySelectorAll('#matches .line').length")));
        List<Long> expected = new ArrayList<>(List.of(1234L));
        for (long n = 12340; n <= 12349; n++) {
            expected.add(n);
        }
        for (long n = 123400; n <= 123499; n++) {
            expected.add(n);
        }
        assertEquals(expected, browser.js("return Array.from(document.querySelectorAll('#matches .line')).map(function (e) { return Number(e.getAttribute('data-line')); })"));
        assertEquals(Boolean.TRUE, browser.js("return document.getElementById('log').hidden"));
        assertEquals("line 1234", browser.js("return document.querySelector('#matches [data-line=\"12345\"] mark').textContent"));
        assertTrue(((Number) browser.js("return document.querySelectorAll('.line').length")).longValue() < 20_000);
        browser.driver.findElement(By.cssSelector("#matches [data-line='123456'] a.ln")).click();
        browser.waitUntil("line 123,456 in the full log", d -> targetInView(123_456));
        assertEquals(Boolean.TRUE, browser.js("return document.getElementById('matches').hidden"));
        assertEquals(Boolean.FALSE, browser.js("return document.getElementById('opt-matching').checked"));
        assertEquals("#L123456", browser.js("return window.location.hash"));
    }

    @Test
    void leavingTheListOfMatchingLinesReturnsToTheLineTheReaderWasAt() {
        openAtTheTail();
        browser.js("window.location.hash = '#L150000'");
        browser.waitUntil("line 150,000 is shown", d -> targetInView(150_000));
        browser.driver.findElement(By.id("filter")).sendKeys("line 7");
        long reading = ((Number) browser.js("return window.ssewatchPage.window.reading()")).longValue();
        press("m");
        browser.waitUntil("the list of matching lines", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('matches').hidden")));
        browser.waitUntil("its first page", d -> Long.valueOf(200).equals(browser.js("return document.querySelectorAll('#matches .line').length")));
        press("m");
        browser.waitUntil("the log again", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('log').hidden")));
        browser.waitUntil("at the line the reader was at", d -> Long.valueOf(reading).equals(browser.js("return window.ssewatchPage.window.reading()")));
    }
}
