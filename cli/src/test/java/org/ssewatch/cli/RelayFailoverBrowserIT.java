package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.Browser;

/**
 * A run's page in headless Chromium, opened through a real nginx in front of two relays (docs/nginx.md's
 * upstream block): the relay serving the page's stream is killed mid-run (SIGKILL), and the page
 * goes on through the other, says it was away ("Connection lost", then "Connection restored"), and
 * shows every line once, none lost or doubled, read from the DOM's line numbers and texts.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayFailoverBrowserIT extends RelayBrowserFixture {
    /** Generous failure guards for a loaded machine; the test waits for what the page shows, never for time. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * Keeps every state/notice pair the page shows from now on, however briefly (the notice
     * "Connection lost" may last only as long as the reconnection takes).
     */
    private static final String RECORD_STATES = "window.seen = [];"
            + " var note = function () { var s = document.getElementById('state'), n = document.getElementById('notice');"
            + " var now = s.getAttribute('data-state') + '/' + (n.hidden ? '' : n.getAttribute('data-kind'));"
            + " if (window.seen[window.seen.length - 1] !== now) { window.seen.push(now); } };"
            + " var o = new MutationObserver(note);"
            + " o.observe(document.getElementById('state'), {attributes: true});"
            + " o.observe(document.getElementById('notice'), {attributes: true}); note();";

    @Test
    void whenTheRelayServingThePageIsKilledMidRunThePageGoesOnThroughTheOtherSayingItWasAwayWithNoLineLostOrTwice()
            throws Exception {
        twoRelaysBehindNginx(30);
        String run = publisher.runId;
        browser = Browser.start();
        browser.open(through.resolve("runs/" + run + "/"));
        awaitLines(30);
        browser.awaitState("running", PATIENCE);
        browser.js(RECORD_STATES);
        RelayNode serving = servingThePage(run, a, b);
        RelayNode other = other(serving);

        CompletableFuture<Void> meanwhile = publisher.linesMeanwhile(31, 300, 5_000);
        browser.waitUntil("lines came in meanwhile", PATIENCE, d -> browser.lineCount() >= 60);
        serving.kill();
        other.awaitViewers(run, 1);
        browser.waitUntil(() -> "the page said the connection was lost, then restored: " + seen(), PATIENCE,
                d -> seen().indexOf("running/back") > seen().indexOf("lost/lost") && seen().contains("lost/lost"));
        meanwhile.get();
        publisher.lines(301, 350);
        publisher.end();
        browser.awaitState("ok", PATIENCE);
        assertEveryLineOnce(350);
        System.out.println("RelayFailoverBrowserIT: the page was on relay " + serving.name + ", then on " + other.name
                + " by " + browser.attr("transport", "data-transport") + "; states " + seen());
    }

    /** The relay the page's stream is on: the one of the two that counts one viewer, the other none. */
    private static RelayNode servingThePage(String run, RelayNode a, RelayNode b) throws Exception {
        while (true) {
            int onA = a.viewers(run);
            int onB = b.viewers(run);
            if (onA + onB == 1) {
                return onA == 1 ? a : b;
            }
            assertTrue(onA + onB <= 1, "one page, one stream: " + onA + " on a, " + onB + " on b");
            Thread.sleep(20); // bounded by the test's timeout
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> seen() {
        return (List<String>) browser.js("return window.seen || []");
    }

    private void awaitLines(long n) {
        browser.waitUntil("the page shows " + n + " lines", PATIENCE, d -> browser.lineCount() == n);
    }

    /** The page shows exactly lines 1..n, in order, each once, each "line K" in its final version. */
    private void assertEveryLineOnce(long n) {
        awaitLines(n);
        List<Long> numbers = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> l : browser.lines()) {
            long k = ((Number) l.get("n")).longValue();
            numbers.add(k);
            if (!("line " + k).equals(l.get("text")) || Boolean.TRUE.equals(l.get("partial"))) {
                wrong.add(k + ": " + l.get("text"));
            }
        }
        assertEquals(LongStream.rangeClosed(1, n).boxed().toList(), numbers, "every line number once, in order");
        assertTrue(wrong.isEmpty(), "lines with the wrong text: " + wrong);
    }
}
