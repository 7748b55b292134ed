package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssewatch.share.Recorder;

/**
 * Connections dropped mid-run, by a relay between browser and server that resets them, or by the
 * server itself restarting on the same port: after reconnecting, the page shows every line exactly
 * once, none missing, none doubled.
 */
@Timeout(120)
class ReconnectBrowserIT extends BrowserTest {
    /** Writes "line i" lines, every seventh as a partial version first, until told to stop. */
    private static final class Writer extends Thread {
        final AtomicInteger written = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        private final Recorder.StreamLines out;
        private final Recorder.StreamLines err;

        Writer(Recorder recorder, int already) {
            super("line-writer");
            setDaemon(true);
            out = recorder.lines("stdout");
            err = recorder.lines("stderr");
            written.set(already);
        }

        void write(int n) {
            Recorder.StreamLines lines = n % 10 == 0 ? err : out;
            if (n % 7 == 0) {
                lines.line("line " + n + " (partial)", true, false);
            }
            lines.line("line " + n);
        }

        @Override
        public void run() {
            while (!stop.get()) {
                int n = written.get() + 1;
                write(n);
                written.set(n);
                try {
                    Thread.sleep(4);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The page shows exactly lines 1..n, in order, each once and in its final version. */
    private static void assertEveryLineOnce(int n) {
        browser.waitForLines(n);
        List<Map<String, Object>> lines = browser.lines();
        List<Long> numbers = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> l : lines) {
            long k = ((Number) l.get("n")).longValue();
            numbers.add(k);
            if (!("line " + k).equals(l.get("text")) || Boolean.TRUE.equals(l.get("partial"))) {
                wrong.add(k + ": " + l.get("text"));
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long k = 1; k <= n; k++) {
            expected.add(k);
        }
        assertEquals(expected, numbers, "every line number once, in order");
        assertTrue(wrong.isEmpty(), "lines with the wrong text: " + wrong);
        assertEquals(String.valueOf(n), browser.attr("log", "data-lines"));
        long stderr = n / 10;
        assertEquals(String.valueOf(n - stderr), browser.attr("counts", "data-stdout"));
        assertEquals(String.valueOf(stderr), browser.attr("counts", "data-stderr"));
    }

    private static void awaitState(String state) {
        browser.awaitState(state, Duration.ofSeconds(15));
    }

    @ParameterizedTest(name = "transport={0}")
    @ValueSource(strings = {"auto", "poll"})
    void afterConnectionsAreResetMidRunNoLineIsMissingOrDoubled(String transport) throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started();
                TcpRelay relay = new TcpRelay(s.server.port())) {
            Writer writer = new Writer(s.recorder, 0);
            for (int i = 1; i <= 20; i++) {
                writer.write(i);
            }
            writer.written.set(20);
            URI through = URI.create("http://127.0.0.1:" + relay.port() + s.server.baseUrl().getRawPath());
            browser.open(through.resolve("auto".equals(transport) ? "" : "?transport=" + transport));
            browser.waitForLines(20);
            awaitState("running");

            // Down for a while: the page says so, output goes on meanwhile.
            relay.refuse(true);
            relay.cut();
            awaitState("lost");
            assertEquals("running? (offline)", browser.text("state"));
            assertEquals("lost", browser.attr("notice", "data-kind"));
            for (int i = 21; i <= 60; i++) {
                writer.write(i);
            }
            writer.written.set(60);
            relay.refuse(false);
            browser.waitUntil("the page reconnected", Duration.ofSeconds(15), d -> "back".equals(browser.attr("notice", "data-kind")));
            awaitState("running");
            assertEveryLineOnce(60);

            // Cut again and again while lines stream in.
            writer.start();
            for (int cut = 0; cut < 3; cut++) {
                int before = relay.connections();
                int linesBefore = writer.written.get();
                browser.waitUntil("more lines arrived", Duration.ofSeconds(15), d -> browser.lineCount() > linesBefore);
                relay.cut();
                browser.waitUntil("the page reconnected after cut " + (cut + 1), Duration.ofSeconds(15),
                        d -> relay.connections() > before);
            }
            writer.stop.set(true);
            writer.join(5000);
            s.exit(0);
            awaitState("ok");
            assertEveryLineOnce(writer.written.get());
            System.out.println("ReconnectBrowserIT[" + transport + "]: " + writer.written.get() + " lines, "
                    + relay.connections() + " connections, ended on " + browser.attr("transport", "data-transport"));
        }
    }

    @Test
    void afterTheServerRestartsOnTheSamePortNoLineIsMissingOrDoubled() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            Writer writer = new Writer(s.recorder, 0);
            for (int i = 1; i <= 30; i++) {
                writer.write(i);
            }
            writer.written.set(30);
            ServerConfig config = TestServer.loopback().withToken(s.server.baseUrl().getPath().replace("/", ""))
                    .withPort(s.server.port());
            browser.open(s.server.baseUrl());
            browser.waitForLines(30);
            awaitState("running");
            s.server.close();
            awaitState("lost");
            for (int i = 31; i <= 70; i++) {
                writer.write(i);
            }
            writer.written.set(70);
            try (WatchServer again = WatchServer.start(config, s.recorder)) {
                assertEquals(s.server.baseUrl(), again.baseUrl());
                browser.waitUntil("the page reconnected", Duration.ofSeconds(15), d -> "back".equals(browser.attr("notice", "data-kind")));
                writer.start();
                browser.waitUntil("more lines arrived", Duration.ofSeconds(15), d -> browser.lineCount() > 80);
                writer.stop.set(true);
                writer.join(5000);
                s.exit(0);
                awaitState("ok");
                assertEveryLineOnce(writer.written.get());
            }
        }
    }
}
