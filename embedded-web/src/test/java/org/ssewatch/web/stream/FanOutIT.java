package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.TestServer;

@Timeout(120)
class FanOutIT {
    /** Reads a stream to its end and counts its events. */
    private static long countEvents(TestServer s) throws Exception {
        HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Reads a whole stream, leaving out heartbeat comments. */
    private static String readStream(TestServer s) throws Exception {
        HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body().replace(": heartbeat\n\n", "");
    }

    @Test
    void twoHundredConcurrentViewersEachReceiveEveryEventAsTheExactFrames() throws Exception {
        // Viewers that keep up copy frames shared by all of them, viewers left behind by a burst
        // encode their own from the journal: every stream must be the same bytes either way.
        try (TestServer s = TestServer.start(StreamOptions.defaults().withMaxViewers(500)).started()) {
            ExecutorService pool = Executors.newFixedThreadPool(200);
            List<CompletableFuture<String>> viewers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                viewers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return readStream(s);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            // All connected before the first line, so that most keep up and copy the shared frames.
            s.awaitViewers(200, java.time.Duration.ofSeconds(30));
            for (int i = 0; i < 5000; i++) {
                s.recorder.lines(i % 7 == 0 ? "stderr" : "stdout").line("line " + i + " " + "x".repeat(i % 300));
                if (i % 1000 == 0) {
                    Thread.sleep(50);
                } else if (i % 50 == 0) {
                    Thread.sleep(2);
                }
            }
            s.exit(0);
            String expected = "retry: 2000\n\n" + s.expectedFrames(0);
            for (CompletableFuture<String> v : viewers) {
                String got = v.get(60, TimeUnit.SECONDS);
                assertEquals(expected.length(), got.length(), "the stream's length");
                assertTrue(expected.equals(got), "the stream's bytes");
            }
            assertTrue(s.server.awaitViewersCaughtUp(java.time.Duration.ofSeconds(5)));
            pool.shutdown();
        }
    }

    @Test
    void aViewerThatNeverReadsSlowsNeitherTheRunNorOtherViewers() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            URI u = s.url("events");
            try (Socket stalled = new Socket(u.getHost(), u.getPort())) {
                stalled.setReceiveBufferSize(4096);
                OutputStream o = stalled.getOutputStream();
                o.write(("GET " + u.getPath() + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                o.flush();
                s.awaitViewers(1, java.time.Duration.ofSeconds(10));
                CompletableFuture<Long> healthy = CompletableFuture.supplyAsync(() -> {
                    try {
                        return countEvents(s);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                String kib = "y".repeat(1024);
                long start = System.nanoTime();
                for (int i = 0; i < 50_000; i++) { // 50 MiB that the stalled socket cannot take
                    s.recorder.lines("stdout").line(kib);
                }
                s.exit(0);
                long appendMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(50_002, healthy.get(60, TimeUnit.SECONDS));
                assertTrue(appendMs < 20_000, "appending took " + appendMs + " ms");
                assertEquals(1, s.server.handler().viewerCount(), "only the stalled viewer is left");
            }
        }
    }
}
