package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.web.Browser;

/**
 * A relay's hub page in headless Chromium while its Redis is killed and started again: it says that
 * the list cannot be brought up to date, as a problem, and then its own sentence again.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayHubBrowserIT extends RelayBrowserFixture {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DOWN = "The list of runs cannot be brought up to date: Redis cannot be reached";

    @Test
    void whileRedisIsDownTheHubPageSaysSoAsAProblemAndWhenItIsBackItSaysWhatItSaidBefore() throws Exception {
        redis = RedisServer.started(dir);
        URI relay = relay("page", "--list-every", "200ms");
        publisher = PipePublisher.start(this, redis.url(), dir);
        browser = Browser.start();
        browser.open(relay, "window.ssewatchHub");
        browser.waitUntil("the run is listed", PATIENCE, d -> browser.js(
                "return document.querySelector('tr[data-run=\"' + arguments[0] + '\"]')", publisher.runId) != null);
        assertEquals(RelayCommand.READ_ONLY, browser.text("notice"));

        redis.kill();
        browser.waitUntil("the page says Redis cannot be read", PATIENCE, d -> browser.text("notice").startsWith(DOWN));
        assertEquals("lost", browser.attr("notice", "data-kind"), "shown as a problem");
        assertEquals(1L, browser.js("return document.querySelectorAll('tr[data-run]').length"), "the list as last read");

        redis.start();
        browser.waitUntil("the page says what it said before", PATIENCE,
                d -> RelayCommand.READ_ONLY.equals(browser.text("notice")));
        publisher.end();
    }
}
