package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.ConnectionLimits;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.TestServer;

@Timeout(90)
class LimitsIT {
    /** Opens an event stream on a raw socket and waits until its response has begun. */
    private static Socket openStream(TestServer s) throws IOException {
        URI u = s.url("events");
        Socket sock = new Socket(u.getHost(), u.getPort());
        sock.setSoTimeout(5000);
        sock.getOutputStream().write(("GET " + u.getPath() + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        int n = sock.getInputStream().readNBytes(head, 0, 12);
        assertEquals("HTTP/1.1 200", new String(head, 0, n, StandardCharsets.US_ASCII));
        return sock;
    }

    @Test
    void maxViewersIsEnforcedWith503AndRecoversWhenAViewerLeaves() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withMaxViewers(2)).started()) {
            Socket first = openStream(s);
            try (Socket second = openStream(s)) {
                HttpResponse<String> full = s.get("events");
                assertEquals(503, full.statusCode());
                assertTrue(full.body().startsWith("Too many viewers"), full.body());
                assertEquals(503, s.get("poll?after=0").statusCode());
                assertEquals(200, s.get("api/status").statusCode(), "the page and status still answer");
                assertEquals(2, s.server.handler().viewerCount());
                first.close();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (s.server.handler().viewerCount() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                HttpResponse<String> poll = s.get("poll?after=0&wait=0");
                assertEquals(200, poll.statusCode(), "a place is free again");
            }
        }
    }

    @Test
    void aViewerThatHangsUpFreesItsPlaceAtOnce() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withMaxViewers(1)).started()) {
            for (int i = 0; i < 3; i++) {
                openStream(s).close();
                s.awaitViewers(0, Duration.ofSeconds(2));
                URI u = s.url("poll?after=1");
                Socket poll = new Socket(u.getHost(), u.getPort());
                poll.getOutputStream().write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.awaitViewers(1, Duration.ofSeconds(2));
                poll.close();
                s.awaitViewers(0, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void aSlowlorisClientDoesNotHoldUpOtherViewersAndIsCutOffByTheParseTimeout() throws Exception {
        ServerConfig config = TestServer.loopback()
                .withLimits(ConnectionLimits.defaults().withParseTimeout(Duration.ofSeconds(3)));
        ExecutorService pool = Executors.newCachedThreadPool();
        try (TestServer s = TestServer.start(config).started()) {
            URI u = s.url("events");
            List<Future<Long>> slow = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                slow.add(pool.submit(() -> dripHeaders(u)));
            }
            Thread.sleep(500);
            HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) {
                long ms = s.printAndAwait(in, "meanwhile " + i);
                assertTrue(ms < 500, "an event took " + ms + " ms while slow clients dripped");
                assertEquals(200, s.get("api/status").statusCode());
                Thread.sleep(300);
            }
            for (Future<Long> f : slow) {
                long heldMs = f.get(20, TimeUnit.SECONDS);
                assertTrue(heldMs < 6000, "a slow client was cut off only after " + heldMs + " ms");
            }
            assertEquals(1, s.server.handler().viewerCount(), "slow clients never became viewers");
            s.exit(0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends a request's headers one byte per second; returns how long until the server hung up. */
    private static long dripHeaders(URI u) throws Exception {
        byte[] request = ("GET " + u.getPath() + " HTTP/1.1\r\nHost: x\r\nX-Slow: " + "z".repeat(60) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        try (Socket sock = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = sock.getOutputStream();
            sock.setSoTimeout(1000);
            for (byte b : request) {
                out.write(b);
                out.flush();
                try {
                    if (sock.getInputStream().read() < 0) {
                        break; // the server hung up
                    }
                    fail("the server answered a request it could not have parsed yet");
                } catch (java.net.SocketTimeoutException e) {
                    // still connected: drip on
                }
            }
        } catch (IOException e) {
            // reset while writing: hung up
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }

    @Test
    void hugeHeadersAreRefusedAndTheServerCarriesOn() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback()).started()) {
            String path = s.url("api/status").getPath();
            String big = s.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
            assertFalse(big.startsWith("HTTP/1.1 200"), big.isEmpty() ? "(closed)" : big.substring(0, 40));
            StringBuilder many = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 200; i++) {
                many.append("X-H").append(i).append(": v\r\n");
            }
            assertFalse(s.raw(many + "\r\n").startsWith("HTTP/1.1 200"), "200 header fields");
            String longLine = s.raw("GET " + path + "?" + "q".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertFalse(longLine.startsWith("HTTP/1.1 200"), "64 KiB request line");
            assertEquals(200, s.get("api/status").statusCode());
        }
    }

    @Test
    void malformedRequestsAreRefusedAndTheServerCarriesOn() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback()).started()) {
            String path = s.url("api/status").getPath();
            for (String bad : new String[] {
                    "\u0000\u0001\u0002garbage\r\n\r\n",
                    "GET\r\n\r\n",
                    "G\u00e9T " + path + " HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET " + path + " HTTP/9.9\r\nHost: x\r\n\r\n",
                    "GET " + path + " HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n",
                    "GET " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                    "GET " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                    "GET /%zz/" + " HTTP/1.1\r\nHost: x\r\n\r\n"}) {
                String answer = s.raw(bad);
                // Undertow is lenient about some (a header line without a colon is skipped);
                // what matters is that none is an error of the server's and it carries on.
                assertFalse(answer.startsWith("HTTP/1.1 5"), bad.trim() + " -> " + answer.lines().findFirst().orElse("(closed)"));
            }
            assertEquals(200, s.get("api/status").statusCode());
        }
    }

    @Test
    void invalidLastEventIdsAre400AndNeverAViewer() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback()).started()) {
            for (String bad : new String[] {"abc", "-1", "1e3", "0x10", "1 2", "9".repeat(19) + "9",
                    "99999999999999999999", "1.0", "+1", "x".repeat(4000)}) {
                HttpResponse<String> r = s.get("events", "Last-Event-ID", bad);
                assertEquals(400, r.statusCode(), "Last-Event-ID: " + bad);
                SecurityHeadersIT.assertSecurityHeaders(r, bad);
            }
            assertEquals(400, s.get("events?lastEventId=%EF%BC%91").statusCode(), "a full-width digit");
            for (String q : new String[] {"after=%00", "max=99999999999999999999999", "wait=1e9", "after=&after=-1&after=1"}) {
                int code = s.get("poll?" + q).statusCode();
                assertTrue(code == 400 || code == 200, q + " -> " + code);
            }
            assertEquals(0, s.server.handler().viewerCount());
        }
    }
}
