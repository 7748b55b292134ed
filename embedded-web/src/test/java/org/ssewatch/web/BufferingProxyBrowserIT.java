package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Recorder;

/**
 * Behind a misconfigured nginx that buffers and gzips the event stream (and ignores the server's
 * X-Accel-Buffering: no), the stream holds events back; the page notices, falls back to
 * long-polling by itself and still shows output live.
 */
@Timeout(120)
class BufferingProxyBrowserIT extends BrowserTest {
    /** Everything docs/nginx.md says not to do. */
    static final String HOLDING_BACK = """
                location / {
                    proxy_pass http://127.0.0.1:%d;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_buffering on;
                    proxy_ignore_headers X-Accel-Buffering;
                    gzip on;
                    gzip_types text/event-stream application/json;
                    proxy_read_timeout 1h;
                }
            """;

    @BeforeEach
    void needsNginx() {
        Nginx.assumeAvailable();
    }

    @Test
    void behindABufferingGzippingProxyThePageFallsBackToPollingAndStaysLive(@TempDir Path dir) throws Exception {
        String token = Tokens.generate();
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(token)).started();
                Nginx nginx = Nginx.start(dir, HOLDING_BACK.formatted(s.server.port()))) {
            Recorder.StreamLines out = s.recorder.lines("stdout");
            out.line("before the page loaded");
            URI base = URI.create("http://127.0.0.1:" + nginx.port + "/" + token + "/");
            browser.open(base);

            long t0 = System.nanoTime();
            out.line("written after the page loaded");
            s.recorder.lines("stderr").line("a warning after the page loaded");
            browser.waitUntil("the lines written after loading arrived within 10 s", Duration.ofSeconds(10),
                    d -> browser.lineCount() == 3);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("written after the page loaded", browser.lineText(2));
            assertEquals("poll", browser.attr("transport", "data-transport"), "it got there by polling");
            assertEquals("long-polling", browser.text("transport"));
            assertEquals("poll", browser.attr("notice", "data-kind"));
            String notice = browser.text("notice");
            assertTrue(notice.contains("switched to long-polling"), notice);
            assertEquals(Boolean.FALSE, browser.js("return document.getElementById('notice').hidden"));

            // Now polling, the page is live: each line arrives promptly.
            for (int i = 4; i <= 6; i++) {
                long before = System.nanoTime();
                out.line("live line " + i);
                final long n = i;
                browser.waitUntil("line " + i + " arrived", Duration.ofSeconds(5), d -> browser.lineCount() == n);
                long took = (System.nanoTime() - before) / 1_000_000;
                assertTrue(took < 3000, "line " + i + " took " + took + " ms by polling through nginx");
            }
            s.exit(0);
            browser.awaitState("ok");
            assertEquals(6, browser.lineCount());
            System.out.println("BufferingProxyBrowserIT: fell back and showed the first live lines after " + ms + " ms");
        }
    }
}
