package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.RawHttp;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.TestServer;

/**
 * Ids and numbers from outside, at the edges of what a long holds, at every entry point. Ids pass
 * through JavaScript, so the server accepts 0 to 2^53 - 1 and refuses the rest with 400; an
 * accepted id beyond the newest event simply has nothing to deliver yet. After each request the
 * server must still answer at once: a bad id once set the only IO thread spinning for good.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExtremeIdsIT {
    static final String MAX_SAFE = "9007199254740991"; // 2^53 - 1
    private static final List<String> REFUSED = List.of("-1", "9007199254740992", "9223372036854775807",
            "9223372036854775808", "18446744073709551616", "99999999999999999999999", "garbage", "1e3", "+1", "0x10",
            "00000000000000000000000001x");

    @TempDir
    Path spillDir;

    /** A journal with a spill file, as the command line uses: reading past the end spun there. */
    private TestServer start(int lines) throws ServerStartException {
        TestServer s = new TestServer(new JournalConfig(100_000, 8 << 20, spillDir, 1L << 30), TestServer.loopback());
        s.started();
        for (int i = 0; i < lines; i++) {
            s.recorder.lines("stdout").line("line " + i);
        }
        return s;
    }

    private static HttpResponse<String> get(TestServer s, String relative, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.url(relative)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        String what = relative + (headers.length > 0 ? " with " + headers[0] + ": " + headers[1] : "");
        // The request's own timeout ends with the headers; a stream's body would be waited for forever.
        CompletableFuture<HttpResponse<String>> answer = s.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError(what + " got no complete answer within 20 s", e);
        }
    }

    /** The server is not stuck: a plain request is answered (20 s is ages; a healthy one takes milliseconds). */
    private static void assertStillAnswers(TestServer s, String after) throws Exception {
        try {
            assertEquals(200, get(s, "api/status").statusCode(), "api/status after " + after);
        } catch (AssertionError e) {
            throw new AssertionError("the server stopped answering after " + after, e);
        }
    }

    private static void assertRefused(HttpResponse<String> r, String name, String what) {
        assertEquals(400, r.statusCode(), what + " -> " + r.body());
        String body = r.body();
        assertTrue(body.startsWith(name + " must be ") && body.indexOf('\n') == body.length() - 1, what + " -> " + body);
    }

    @Test
    void idsOutsideZeroToTheLargestSafeIntegerAreRefusedWith400AtEveryEntryPoint() throws Exception {
        try (TestServer s = start(3)) {
            for (String bad : REFUSED) {
                assertRefused(get(s, "events", "Last-Event-ID", bad), "Last-Event-ID", "Last-Event-ID: " + bad);
                assertStillAnswers(s, "Last-Event-ID: " + bad);
                for (String query : List.of("events?lastEventId=", "events?from=", "poll?after=", "poll?max=", "poll?wait=")) {
                    String name = query.substring(query.indexOf('?') + 1, query.length() - 1);
                    assertRefused(get(s, query + bad), name, query + bad);
                    assertStillAnswers(s, query + bad);
                }
            }
            assertRefused(get(s, "events", "Last-Event-ID", "9007199254740992"), "Last-Event-ID", "2^53");
            assertTrue(get(s, "events", "Last-Event-ID", "9007199254740992").body().contains(MAX_SAFE),
                    "the message names the largest id accepted");
            assertRefused(get(s, "events?from=0"), "from", "from=0");
            assertEquals(0, s.server.handler().viewerCount());
            // The other endpoints take no ids: whatever the query, they answer as usual.
            for (String other : List.of("log.txt", "api/status", "")) {
                assertEquals(200, get(s, other + "?after=9223372036854775807&lastEventId=-1&from=18446744073709551616")
                        .statusCode(), other);
            }
        }
    }

    @Test
    void anIdBeyondTheNewestEventDeliversNothingAndItsStreamEndsWithTheRun() throws Exception {
        try (TestServer s = start(3)) {
            long last = s.journal.lastId();
            JsonObject poll = JsonParser.parseString(get(s, "poll?wait=0&after=" + MAX_SAFE).body()).getAsJsonObject();
            assertEquals("{\"events\":[],\"last\":" + MAX_SAFE + ",\"done\":false}", poll.toString());
            assertStillAnswers(s, "poll?after=" + MAX_SAFE);

            try (RawHttp header = RawHttp.open(s); RawHttp query = RawHttp.open(s); RawHttp from = RawHttp.open(s);
                    RawHttp next = RawHttp.open(s)) {
                header.send(header.get("events", "Last-Event-ID: " + MAX_SAFE + "\r\nConnection: close\r\n"));
                query.send(query.get("events?lastEventId=" + MAX_SAFE, "Connection: close\r\n"));
                from.send(from.get("events?from=" + MAX_SAFE, "Connection: close\r\n"));
                next.send(next.get("events?lastEventId=" + (last + 1), "Connection: close\r\n"));
                for (RawHttp c : List.of(header, query, from, next)) {
                    assertTrue(c.head().startsWith("HTTP/1.1 200"));
                }
                s.awaitViewers(4, Duration.ofSeconds(20));
                assertStillAnswers(s, "streams starting at " + MAX_SAFE);
                s.recorder.lines("stdout").line("newest");
                s.exit(0);
                for (RawHttp c : List.of(header, query, from)) {
                    assertEquals("retry: 2000\n\n", c.readToEnd(), "nothing up to the exit is after " + MAX_SAFE);
                }
                String tail = next.readToEnd();
                assertTrue(tail.contains("event: exit") && !tail.contains("newest"), tail);
            }
            assertStillAnswers(s, "the run ended");
        }
    }

    @Test
    void afterARunEndsAnIdAtOrBeyondItsLastEventIs204ForTheStreamAndAFinalEmptyBatchForPolls() throws Exception {
        try (TestServer s = start(3)) {
            s.exit(0);
            long last = s.journal.lastId();
            for (String id : List.of(String.valueOf(last), String.valueOf(last + 1), MAX_SAFE)) {
                assertEquals(204, get(s, "events", "Last-Event-ID", id).statusCode(), "Last-Event-ID: " + id);
                assertEquals(204, get(s, "events?lastEventId=" + id).statusCode(), "lastEventId=" + id);
                assertEquals("{\"events\":[],\"last\":" + id + ",\"done\":true}", get(s, "poll?after=" + id).body());
                assertStillAnswers(s, id);
            }
            assertEquals(204, get(s, "events?from=" + (last + 1)).statusCode());
            assertEquals(204, get(s, "events?from=" + MAX_SAFE).statusCode());
            HttpResponse<String> whole = get(s, "events", "Last-Event-ID", "0");
            assertEquals(200, whole.statusCode());
            assertTrue(whole.body().endsWith(s.expectedFrames(0)), whole.body());
            assertEquals(0, s.server.handler().viewerCount());
        }
    }
}
