package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import java.util.List;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.RunConfig;

/**
 * The page on a finished run of 1,000,000 lines, most of them only in the spill file: it opens at
 * the tail with few line elements, and Home, permalinks and scrolling up load what they need. The
 * run's annotations come early (before line 10), far before the lines the page opens with.
 */
@Timeout(180)
class TailFirstBrowserIT extends RunPageBrowserTest {
    static final int LINES = 1_000_000;
    /**
     * Line N is "line N"; an error and a warning are printed before line 10; lines 990,001 to
     * 995,000 are a group (folded once ended, as GitHub shows them), far before the lines shown first.
     */
    static final String SCRIPT = String.join("\n",
            "seq -f 'line %.0f' 1 9",
            "echo '::error file=src/early.c,line=3::early failure'",
            "echo '::warning file=src/early.c,line=8::early warning'",
            "seq -f 'line %.0f' 10 990000",
            "echo '::group::Late stage'",
            "seq -f 'line %.0f' 990001 995000",
            "echo '::endgroup::'",
            "seq -f 'line %.0f' 995001 " + LINES);
    static Path spill;
    static TestServer run;

    @BeforeAll
    static void recordAMillionLines() throws Exception {
        spill = Files.createTempDirectory("ssewatch-tail-first");
        run = new TestServer(new JournalConfig(10_000, 4 << 20, spill, 1L << 30),
                TestServer.loopback().withToken(Tokens.generate()));
        new CommandRunner(RunConfig.of(List.of("bash", "-c", SCRIPT)), run.recorder, null, null).run();
    }

    @AfterAll
    static void stopRun() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    private static long lineElements() {
        return ((Number) browser.js("return document.querySelectorAll('#log .line').length")).longValue();
    }

    @Test
    void aLateJoinerSeesTheLastLineWithFewLineElementsAndIsToldWhatIsNotLoaded() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        assertTrue(lineElements() < 20_000, lineElements() + " line elements");
        assertEquals("lines 1\u2013998,000 not loaded \u2014 scroll up or press Home", browser.text("hidden-lines"));
        assertEquals(Boolean.TRUE, browser.js("return document.getElementById('later-lines').hidden"));
    }

    @Test
    void theAnnotationsPrintedBeforeTheLinesShownAreListedAndAClickLoadsTheirLine() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        browser.waitUntil("the earlier annotations are counted", d -> "1".equals(browser.attr("annotation-counts", "data-errors")));
        assertEquals("1", browser.attr("annotation-counts", "data-warnings"));
        assertEquals("", browser.attr("annotation-counts", "data-earlier"), "all of them are in");
        browser.driver.findElement(By.id("annotation-counts")).click();
        List<WebElement> items = browser.driver.findElements(By.cssSelector("#annotations .annotation-item"));
        assertEquals(List.of("src/early.c:3", "src/early.c:8"),
                items.stream().map(i -> i.findElement(By.cssSelector(".annotation-where")).getText()).toList());
        items.get(0).click();
        browser.waitUntil("line 10, where the error was printed, is loaded and in view", d -> inView(10));
        assertTrue(lineElements() < 20_000);
    }

    @Test
    void homeShowsLineOne() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.HOME);
        browser.waitUntil("line 1 is in view", d -> inView(1));
        assertTrue(lineElements() < 20_000);
        assertEquals("lines 2,001\u20131,000,000 not loaded \u2014 scroll down or press End", browser.text("later-lines"));
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.END);
        browser.waitUntil("the last line is in view again", d -> inView(LINES));
    }

    @Test
    void timesSinceTheStartAreShownForLinesLoadedByRange() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        WebElement body = browser.driver.findElement(By.tagName("body"));
        try {
            body.sendKeys("T"); // since the start, which turns times on
            body.sendKeys(Keys.HOME);
            browser.waitUntil("line 1 is in view", d -> inView(1));
            String time = (String) browser.js("return document.querySelector('#L1 .ts').textContent");
            assertTrue(time.matches("\\+0:00:\\d\\d\\.\\d{3}"), time);
            assertEquals(Boolean.TRUE, browser.js("return getComputedStyle(document.querySelector('#L1 .ts')).display !== 'none'"));
        } finally {
            browser.js("localStorage.removeItem('ssewatch.elapsed'); localStorage.removeItem('ssewatch.timestamps');");
        }
    }

    @Test
    void aPermalinkToTheMiddleShowsItsLine() {
        open(run, "#L500000");
        browser.waitUntil("line 500000 is in view, marked", d -> inView(500_000)
                && Boolean.TRUE.equals(browser.js("return document.getElementById('L500000').classList.contains('target')")));
        assertTrue(lineElements() < 20_000);
    }

    @Test
    void aRangePermalinkMarksItsLines() {
        open(run, "#L120-L140");
        browser.waitUntil("lines 120 to 140 are marked", d -> Long.valueOf(21).equals(
                browser.js("return document.querySelectorAll('#log .line.target').length")));
        assertTrue(inView(120));
        assertEquals("L120", browser.js("return document.querySelector('#log .line.target').id"));
    }

    @Test
    void scrollingUpLoadsEarlierLinesAndKeepsTheLineUnderTheReaderInPlace() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        browser.js("document.getElementById('L998001').scrollIntoView({block: 'start'}); window.scrollBy(0, -50);");
        double before = ((Number) browser.js("return document.getElementById('L998001').getBoundingClientRect().top")).doubleValue();
        browser.waitUntil("lines above 998,001 are loaded", d -> Boolean.TRUE.equals(browser.js("return !!document.getElementById('L996001')")));
        double after = ((Number) browser.js("return document.getElementById('L998001').getBoundingClientRect().top")).doubleValue();
        assertEquals(before, after, 2.0, "line 998,001 stays where the reader saw it");
        assertEquals("lines 1\u2013996,000 not loaded \u2014 scroll up or press Home", browser.text("hidden-lines"));
    }

    @Test
    void searchCountsTheWholeRunAndEnterAndShiftEnterGoToTheNextAndPreviousHit() {
        open(run, "");
        browser.waitUntil("the last line is in view", d -> inView(LINES));
        WebElement filter = browser.driver.findElement(By.id("filter"));
        filter.sendKeys("line 99999");
        // line 99999 and 999990 to 999999
        browser.waitUntil("the count of the whole run", d -> "11 lines match".equals(browser.text("match-count")));
        filter.sendKeys(Keys.ENTER);
        browser.waitUntil("the first hit is shown", d -> targetInView(99_999));
        filter.sendKeys(Keys.ENTER);
        browser.waitUntil("the next hit is shown", d -> targetInView(999_990));
        filter.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        browser.waitUntil("the previous hit is shown again", d -> targetInView(99_999));
        assertEquals("1 of 11 lines match", browser.text("match-count"));
        assertTrue(lineElements() < 20_000);
    }

    @Test
    void aPermalinkIntoAGroupBeforeTheLinesShownFirstLoadsItsLinesInsideTheGroupUnfolded() {
        open(run, "#L992000");
        browser.waitUntil("line 992,000 is shown", d -> targetInView(992_000));
        assertEquals("Late stage", browser.js("var g = document.getElementById('L992000').closest('section.group');"
                + " return g && g.querySelector('.group-title').textContent"), "the line loaded by range is in its group");
        assertEquals(Boolean.FALSE, browser.js("return document.getElementById('L992000').closest('section.group').classList.contains('collapsed')"),
                "unfolded to show it");
        assertEquals(Boolean.TRUE, browser.js("var g = document.getElementById('L992000').closest('section.group');"
                + " return document.getElementById('L991000').closest('section.group') === g && document.getElementById('L992999').closest('section.group') === g"),
                "one section for the lines of the group that were loaded");
        assertEquals("5,000 lines", browser.js("return document.querySelector('section.group .group-meta').textContent.split(' \\u00B7 ')[0]"));
        // a click (in the page's script: the head may be under the sticky header) folds it, the
        // lines loaded by range with it; read at once, before the shorter page loads other lines
        assertEquals(Boolean.TRUE, browser.js("var g = document.getElementById('L992000').closest('section.group');"
                + " g.querySelector('.group-head').click();"
                + " return g.classList.contains('collapsed') && document.getElementById('L992000').getBoundingClientRect().height === 0"));
    }

    @Test
    void shiftClickOnALineNumberMakesThePermalinkARange() {
        open(run, "#L999990");
        browser.waitUntil("line 999990 is shown", d -> targetInView(999_990));
        WebElement number = browser.driver.findElement(By.cssSelector("#L999995 a.ln"));
        new Actions(browser.driver).keyDown(Keys.SHIFT).click(number).keyUp(Keys.SHIFT).perform();
        browser.waitUntil("lines 999990 to 999995 are marked", d -> Long.valueOf(6).equals(
                browser.js("return document.querySelectorAll('#log .line.target').length")));
        assertEquals("#L999990-L999995", browser.js("return window.location.hash"));
    }
}
