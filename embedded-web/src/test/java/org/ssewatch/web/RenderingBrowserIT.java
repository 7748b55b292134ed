package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.PipeRunner;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/** How the real page renders output in a real browser: text stays text, colours, partial lines, long lines, the filter. */
@Timeout(120)
class RenderingBrowserIT extends RunPageBrowserTest {
    private static final String ESC = "\u001b";

    /** Computed styles of the text node holding {@code word} in line {@code n}, inside its nearest element. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> styleOf(int n, String word) {
        return (Map<String, String>) browser.js("var root = document.querySelector('#L' + arguments[0] + ' .text');"
                + " var w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), t;"
                + " while ((t = w.nextNode())) { if (t.data.indexOf(arguments[1]) >= 0) { break; } }"
                + " if (!t) { return null; }"
                + " var cs = getComputedStyle(t.parentElement);"
                + " return {color: cs.color, background: cs.backgroundColor, weight: cs.fontWeight, tag: t.parentElement.className,"
                + " decoration: cs.textDecorationLine, style: cs.fontStyle};", n, word);
    }

    /** Standard input fed by the test, a chunk at a time, ended by an empty chunk. */
    private static final class FedInput extends InputStream {
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;

        void feed(String s) {
            chunks.add(s.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            chunks.add(new byte[0]);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pos = 0;
                if (current.length == 0) {
                    chunks.add(current); // stay at the end
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** The left edge of each line's text, by line number. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> textLefts() {
        return (Map<String, Object>) browser.js("var r = {}; document.querySelectorAll('#log .line[data-line]').forEach(function (e) {"
                + " var ln = e.querySelector('.ln'); r[e.getAttribute('data-line')] = e.querySelector('.text').getBoundingClientRect().left"
                + " + (ln.scrollWidth > ln.clientWidth ? 10000 : 0); }); return r;");
    }

    private static final String HIDDEN_LINES = "return Array.from(document.querySelectorAll('#log .line[data-line]'))"
            + ".filter(function (e) { return getComputedStyle(e).display === 'none'; }).length";

    @Test
    void markupInTheOutputIsShownAsTextAndRunsNothing() throws Exception {
        List<String> payloads = List.of(
                "<script>window.__pwned = 'script';</script>",
                "<img src=x onerror=\"window.__pwned = 'img'\">",
                "\"><svg onload=window.__pwned='svg'><a href=\"javascript:window.__pwned='a'\">click</a>",
                "&lt;b&gt; entities stay &amp; as typed");
        try (TestServer s = server()) {
            s.recorder.start(new StartInfo(List.of("echo", "<img src=x onerror=window.__pwned='cmd'>"), "/tmp", "<b>host</b>", 1L,
                    "<script>window.__pwned='title'</script>", false));
            Recorder.StreamLines out = s.recorder.lines("stdout");
            out.line(payloads.get(0));
            s.recorder.lines("stderr").line(payloads.get(1));
            open(s, "");
            browser.waitForLines(2);
            out.line(payloads.get(2), true, false); // live, and as a partial line first
            browser.waitForLines(3);
            out.line(payloads.get(2));
            out.line(payloads.get(3));
            s.exit(0);
            browser.awaitState("ok");
            browser.waitForLines(4);
            for (int i = 0; i < payloads.size(); i++) {
                String visible = browser.driver.findElement(By.cssSelector("#L" + (i + 1) + " .text")).getText();
                assertEquals(payloads.get(i), visible, "line " + (i + 1) + " is shown verbatim");
            }
            assertEquals("echo '<img src=x onerror=window.__pwned='\\''cmd'\\''>'", browser.text("command"));
            assertEquals("<script>window.__pwned='title'</script>", browser.text("title"));
            assertEquals("<b>host</b>", browser.text("host"));
            assertTrue(browser.driver.getTitle().contains("<script>window.__pwned='title'</script>"), browser.driver.getTitle());
            assertEquals("undefined", browser.js("return typeof window.__pwned"));
            // No element was made from the output, so nothing can run later either (onerror, onload, a click).
            assertEquals(0L, browser.js("return document.querySelectorAll('img, svg, iframe, object, embed, a[href^=javascript]').length"));
            assertEquals(List.of("ssewatch.js", "app.js"), browser.js(
                    "return Array.from(document.scripts).map(function (s) { return s.getAttribute('src'); })"));
            assertEquals(0L, browser.js("return document.querySelectorAll('#log b, #topbar b, #log script, #topbar script').length"));
        }
    }

    @Test
    void ansiColoursAndBoldRenderAndOtherEscapesAreRemoved() throws Exception {
        try (TestServer s = server()) {
            s.recorder.start(new StartInfo(List.of("make"), "/src", "h", 2L, null, true));
            s.recorder.lines("stdout").line(ESC + "[31mred" + ESC + "[0m plain " + ESC + "[1mbold" + ESC + "[22m "
                    + ESC + "[38;5;196mcube196" + ESC + "[0m " + ESC + "[38;5;244mgrey244" + ESC + "[0m "
                    + ESC + "[38;2;10;20;30mtrue" + ESC + "[39m " + ESC + "[48;5;21mbg21" + ESC + "[49m "
                    + ESC + "[48:2::200:100:50mcolon" + ESC + "[m " + ESC + "[1;92mboldbright" + ESC + "[0m");
            s.recorder.lines("stdout").line(ESC + "]0;window title" + "\u0007" + ESC + "[2K" + ESC + "[?25l" + "clean" + ESC + "[1A"
                    + ESC + "(B text" + ESC + "[K" + ESC + "P1$rqstring" + ESC + "\\" + "\u0007 done" + ESC + "[3");
            s.recorder.lines("stderr").line(ESC + "[33mwarning:" + ESC + "[0m careful " + ESC + "[3;4mfancy" + ESC + "[0m");
            open(s, "");
            browser.waitForLines(3);

            String plainColour = styleOf(1, " plain ").get("color");
            Map<String, String> red = styleOf(1, "red");
            assertEquals("rgb(207, 34, 46)", red.get("color"), "SGR 31 is the theme's red, " + red);
            assertNotEquals(plainColour, red.get("color"));
            assertEquals("400", red.get("weight"));
            assertEquals("700", styleOf(1, "bold").get("weight"));
            assertEquals(plainColour, styleOf(1, "bold").get("color"));
            assertEquals("rgb(255, 0, 0)", styleOf(1, "cube196").get("color"));
            assertEquals("rgb(128, 128, 128)", styleOf(1, "grey244").get("color"));
            assertEquals("rgb(10, 20, 30)", styleOf(1, "true").get("color"));
            assertEquals("rgb(0, 0, 255)", styleOf(1, "bg21").get("background"));
            assertEquals("rgb(200, 100, 50)", styleOf(1, "colon").get("background"));
            Map<String, String> brightBold = styleOf(1, "boldbright");
            assertEquals("700", brightBold.get("weight"));
            assertEquals("rgb(26, 127, 55)", brightBold.get("color"), "SGR 92 is the theme's bright green");
            assertEquals("red plain bold cube196 grey244 true bg21 colon boldbright", browser.lineText(1));

            assertEquals("clean text done", browser.lineText(2), "every escape other than SGR is removed");

            assertEquals("rgb(125, 78, 0)", styleOf(3, "warning:").get("color"), "SGR 33 wins over the stderr colour");
            Map<String, String> fancy = styleOf(3, "fancy");
            assertEquals("italic", fancy.get("style"));
            assertEquals("underline", fancy.get("decoration"));
            assertEquals("stderr", browser.attr("L3", "data-stream"));
            assertFalse(browser.lineText(3).contains(ESC));
        }
    }

    @Test
    void aPartialLineIsReplacedByItsFinalVersion() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            out.line("before");
            open(s, "");
            browser.waitForLines(1);
            out.line("waiting for the database...", true, false);
            browser.waitUntil("the partial line shows", d -> "waiting for the database...".equals(browser.lineText(2)));
            assertEquals("true", browser.attr("L2", "data-partial"));
            assertTrue(browser.driver.findElement(By.id("L2")).getAttribute("class").contains("partial"));
            out.line("waiting for the database... still", true, false);
            browser.waitUntil("the partial line changes", d -> "waiting for the database... still".equals(browser.lineText(2)));
            out.line("waiting for the database... ready");
            browser.waitUntil("the final version replaces it", d -> "waiting for the database... ready".equals(browser.lineText(2)));
            out.line("after");
            browser.waitForLines(3);
            List<Map<String, Object>> lines = browser.lines();
            assertEquals(List.of("before", "waiting for the database... ready", "after"),
                    lines.stream().map(l -> l.get("text")).toList());
            assertEquals(List.of(1L, 2L, 3L), lines.stream().map(l -> ((Number) l.get("n")).longValue()).toList());
            assertTrue(lines.stream().noneMatch(l -> Boolean.TRUE.equals(l.get("partial"))), "no line is left partial");
            assertEquals("3", browser.attr("counts", "data-stdout"), "the versions of a line count as one line");
            s.exit(0);
            browser.awaitState("ok");
            assertEquals("3", browser.attr("counts", "data-stdout"), "the server counts the same");
        }
    }

    @Test
    void aCarriageReturnProgressBarShowsItsCurrentThenFinalState() throws Exception {
        try (TestServer s = server()) {
            FedInput in = new FedInput();
            Thread runner = new Thread(() -> new PipeRunner(in, null, s.recorder, 4096, "fixtures").run(), "pipe-runner");
            runner.setDaemon(true);
            runner.start();
            in.feed("downloading\n  fixtures.tar.gz [##        ]  20%");
            open(s, "");
            browser.waitUntil("the progress line shows", d -> "  fixtures.tar.gz [##        ]  20%".equals(browser.lineText(2)));
            assertEquals("true", browser.attr("L2", "data-partial"));
            in.feed("\r  fixtures.tar.gz [#####     ]  50%\r");
            browser.waitUntil("the progress line moves on", d -> "  fixtures.tar.gz [#####     ]  50%".equals(browser.lineText(2)));
            in.feed("  fixtures.tar.gz [##########] 100%\nabcdef\rXY\n");
            browser.waitForLines(3);
            browser.waitUntil("the bar is final", d -> browser.attr("L2", "data-partial") == null);
            in.end();
            browser.awaitState("ok");
            assertEquals("input ended", browser.text("state"));
            List<Map<String, Object>> lines = browser.lines();
            assertEquals(List.of("downloading", "  fixtures.tar.gz [##########] 100%", "XYcdef"),
                    lines.stream().map(l -> l.get("text")).toList());
            assertTrue(lines.stream().allMatch(l -> "stdin".equals(l.get("stream"))));
            assertEquals("(standard input)", browser.text("command"));
            assertEquals("fixtures", browser.text("title"));
            runner.join(5000);
        }
    }

    /** Line numbers as a long run reaches them: the text of every line still starts in one column. */
    @Test
    void lineNumbersOfSevenDigitsAndMoreLeaveTheTextInOneColumn() throws Exception {
        try (TestServer s = server()) {
            startMake(s);
            long[] numbers = {1, 2, 99_999, 100_000, 999_999, 1_000_000, 1_234_567};
            for (long n : numbers) {
                s.journal.append("stdout", ("{\"line\":" + n + ",\"time\":" + System.currentTimeMillis() + ",\"text\":\"line " + n + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            open(s, "");
            browser.waitForLines(numbers.length);
            Map<String, Object> lefts = textLefts();
            assertEquals(1, lefts.values().stream().distinct().count(), "where each line's text starts: " + lefts);

            // One more digit: the gutter widens for every line at once.
            s.journal.append("stdout", ("{\"line\":12345678,\"time\":" + System.currentTimeMillis() + ",\"text\":\"line 12345678\"}")
                    .getBytes(StandardCharsets.UTF_8));
            browser.waitForLines(numbers.length + 1);
            Map<String, Object> wider = textLefts();
            assertEquals(1, wider.values().stream().distinct().count(), "with 8 digits: " + wider);
            s.recorder.exit(ExitStatus.fromProcess(0));
        }
    }

    @Test
    void theFilterMarksMatchesHidesNothingAndRebuildsOnlyTheLinesItConcerns() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            for (String line : List.of("Alpha one", "beta two", "an alpha three", "\u001b[31mred ALPHA\u001b[0m", "gamma")) {
                out.line(line);
            }
            s.recorder.exit(ExitStatus.fromProcess(0));
            open(s, "");
            browser.waitForLines(5);
            browser.js("window.__beta = document.querySelector('#L2 .text').firstChild;"
                    + "window.__time = document.querySelector('#L3').childNodes[1].firstChild;");

            browser.driver.findElement(By.id("filter")).sendKeys("alpha");
            browser.waitUntil("three lines match", d -> "3".equals(browser.attr("match-count", "data-matches")));
            assertEquals(List.of(1L, 3L, 4L), browser.js("return Array.from(document.querySelectorAll('#log .line.match'))"
                    + ".map(function (e) { return Number(e.getAttribute('data-line')); })"));
            assertEquals(List.of("Alpha", "alpha", "ALPHA"), browser.js("return Array.from(document.querySelectorAll('#log mark'))"
                    + ".map(function (m) { return m.textContent; })"));
            assertEquals(true, browser.js("return !!document.querySelector('#L4 .text span mark')"), "marked inside the colour");
            assertEquals(0L, browser.js(HIDDEN_LINES), "with the search on the server, the list of matching lines hides the rest, not the filter");
            assertEquals(true, browser.js("return document.querySelector('#L2 .text').firstChild === window.__beta"),
                    "a line the filter does not match keeps its text nodes");
            assertEquals(true, browser.js("return document.querySelector('#L3').childNodes[1].firstChild === window.__time"),
                    "a line the filter matches keeps its time cell: only its text is rebuilt");

            browser.js("var f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'));");
            browser.waitUntil("the filter is off", d -> "".equals(browser.attr("match-count", "data-matches")));
            assertEquals(0L, browser.js("return document.querySelectorAll('#log mark').length"));
            assertEquals(0L, browser.js(HIDDEN_LINES));
        }
    }

    @Test
    void aLineSplitAtMaxLineShowsItsPieceAsAContinuationRowThatItsLaterVersionReplaces() throws Exception {
        try (TestServer s = server()) {
            Recorder.StreamLines out = startMake(s);
            out.line("\u001b[32mgreen head\u001b[0m", false, false);
            out.line("tail so far", true, true);
            open(s, "");
            browser.waitForLines(2);
            browser.waitUntil("the piece is partial", d -> Boolean.TRUE.equals(browser.lines().get(1).get("partial")));
            out.line("tail, finished", false, true);
            browser.waitUntil("the finished piece replaced it", d -> "tail, finished".equals(browser.lineText(2)));

            assertEquals(List.of("1", "\u21AA"), browser.js("return Array.from(document.querySelectorAll('#log .line .ln'))"
                    + ".map(function (e) { return e.textContent; })"), "the piece's row is marked, not numbered");
            assertEquals("green head", browser.lineText(1));
            assertFalse((Boolean) browser.lines().get(1).get("partial"));
            assertEquals(2L, browser.lineCount());
            s.recorder.exit(ExitStatus.fromProcess(0));
        }
    }
}
