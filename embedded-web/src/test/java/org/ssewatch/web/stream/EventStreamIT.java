package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.TestServer;

@Timeout(60)
class EventStreamIT {
    @Test
    void theStreamSendsRetryThenEveryEventAsAnExactFrameAndEndsAfterExit() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("hello");
            s.recorder.lines("stderr").line("warning: x");
            s.exit(0);
            HttpResponse<String> r = s.get("events");
            assertEquals(200, r.statusCode());
            assertEquals("retry: 2000\n\n" + s.expectedFrames(0), r.body());
            assertEquals(List.of("text/event-stream"), TestServer.headers(r).get("content-type"));
            assertEquals(List.of("no-cache, no-transform"), TestServer.headers(r).get("cache-control"));
            assertEquals(List.of("no"), TestServer.headers(r).get("x-accel-buffering"));
        }
    }

    @Test
    void lastEventIdHeaderResumesAtTheNextIdWithoutDuplicates() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (int i = 0; i < 10; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            s.exit(0);
            assertEquals("retry: 2000\n\n" + s.expectedFrames(4), s.get("events", "Last-Event-ID", "4").body());
            assertEquals("retry: 2000\n\n" + s.expectedFrames(7), s.get("events?lastEventId=7").body());
            assertEquals("retry: 2000\n\n" + s.expectedFrames(2), s.get("events?from=3").body());
        }
    }

    @Test
    void aViewerThatHasSeenTheExitEventGets204SoBrowsersStopReconnecting() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.exit(0);
            assertEquals(204, s.get("events", "Last-Event-ID", Long.toString(s.journal.lastId())).statusCode());
            assertEquals(200, s.get("events", "Last-Event-ID", "1").statusCode());
        }
    }

    @Test
    void invalidPositionsAreRejectedWith400() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String bad : new String[] {"abc", "-1", "1e3", "99999999999999999999", " 1 2"}) {
                HttpResponse<String> r = s.get("events", "Last-Event-ID", bad);
                assertEquals(400, r.statusCode(), "Last-Event-ID: " + bad);
            }
            assertEquals(400, s.get("events?from=0").statusCode());
            assertEquals(400, s.get("events?lastEventId=x").statusCode());
        }
    }

    @Test
    void aPositionOlderThanWhatIsRetainedStartsWithAnExplicitGap() throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(16, 1 << 20, null, 0), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 0; i < 100; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            s.exit(0);
            String body = s.get("events").body();
            assertTrue(body.startsWith("retry: 2000\n\nid: 86\nevent: gap\ndata: {\"from\":1,\"to\":86}\n\n"), () -> body.substring(0, Math.min(200, body.length())));
            assertTrue(body.endsWith(s.expectedFrames(86)));
        }
    }

    @Test
    void aLateJoinerGetsTheGapEvenWhileALiveViewerHasEveryFrameShared() throws Exception {
        // The live viewer keeps the shared frames of the newest events warm, and they reach
        // further back than the journal's 16 events in memory.
        try (TestServer s = new TestServer(new JournalConfig(16, 1 << 20, null, 0), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            HttpResponse<java.io.InputStream> live = s.http.send(
                    HttpRequest.newBuilder(s.url("events")).build(), HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader in = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8));
            for (int i = 0; i < 100; i++) {
                s.printAndAwait(in, "line " + i); // each event read before the next is written: it keeps up
            }
            s.exit(0);
            String body = s.get("events").body();
            assertTrue(body.startsWith("retry: 2000\n\nid: 86\nevent: gap\ndata: {\"from\":1,\"to\":86}\n\n"), () -> body.substring(0, Math.min(200, body.length())));
            assertTrue(body.endsWith(s.expectedFrames(86)));
            in.close();
        }
    }

    @Test
    void aLateJoinerReceivesTheWholeRunEvenWhenMostOfItIsInTheSpillFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(64, 1 << 20, dir, 1L << 30), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 0; i < 20_000; i++) {
                s.recorder.lines(i % 2 == 0 ? "stdout" : "stderr").line("history line " + i);
            }
            s.exit(0);
            assertEquals("retry: 2000\n\n" + s.expectedFrames(0), s.get("events").body());
        }
    }

    @Test
    void eventsArriveLiveWhileTheRunGoesOn() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            HttpResponse<java.io.InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long before = System.nanoTime();
                s.recorder.lines("stdout").line("tick " + i);
                String line;
                while ((line = in.readLine()) != null && !line.contains("tick " + i)) {
                    seen.add(line);
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertTrue(ms < 2000, "line took " + ms + " ms");
            }
            s.exit(0);
            String line;
            while ((line = in.readLine()) != null) {
                seen.add(line);
            }
            assertTrue(seen.contains("event: exit"), seen.toString());
        }
    }

    @Test
    void anIdleStreamCarriesHeartbeatComments() throws Exception {
        try (TestServer s = TestServer.start(StreamOptions.defaults().withHeartbeat(Duration.ofMillis(300))).started()) {
            HttpResponse<java.io.InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith(":")) {
                // the start event, then silence
            }
            assertEquals(": heartbeat", line);
        }
    }
}
