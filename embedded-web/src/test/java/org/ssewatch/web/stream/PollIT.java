package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.Event;
import org.ssewatch.web.TestServer;

@Timeout(60)
class PollIT {
    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void aPollAnswersWithTheSameIdsTypesAndPayloadsAsTheStream() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("one");
            s.recorder.lines("stderr").line("two");
            HttpResponse<String> r = s.get("poll?after=1");
            assertEquals(200, r.statusCode());
            assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
            JsonObject o = json(r);
            JsonArray events = o.getAsJsonArray("events");
            assertEquals(2, events.size());
            int i = 0;
            for (Event e : s.events(1)) {
                JsonObject got = events.get(i++).getAsJsonObject();
                assertEquals(e.id(), got.get("id").getAsLong());
                assertEquals(e.type(), got.get("type").getAsString());
                assertEquals(JsonParser.parseString(e.payloadJson()), got.get("data"));
            }
            assertEquals(3, o.get("last").getAsLong());
            assertFalse(o.get("done").getAsBoolean());
        }
    }

    /** A client polling in a loop is a few events behind: it waits a little for more, not a request per line. */
    @Test
    void aPollThatFindsAFewNewEventsOfARunningCommandWaitsBrieflyForMore() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("one");
            s.recorder.lines("stdout").line("two");
            // Over a plain socket: HttpClient's own time per request varies by more than the wait.
            String request = "GET " + s.url("poll?after=1").getRawPath() + "?after=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n";
            s.raw(request);
            long start = System.nanoTime();
            String answer = s.raw(request);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            JsonObject o = JsonParser.parseString(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
            assertEquals(2, o.getAsJsonArray("events").size());
            assertTrue(ms >= PollViewer.BATCH_MILLIS - 1, "answered after " + ms + " ms, without gathering");
        }
    }

    @Test
    void batchesAreBoundedAndTheLastIdSaysWhereToGoOn() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (int i = 0; i < 2500; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            s.exit(0);
            long after = 0;
            int total = 0;
            int polls = 0;
            boolean done = false;
            while (!done) {
                JsonObject o = json(s.get("poll?after=" + after));
                JsonArray events = o.getAsJsonArray("events");
                assertTrue(events.size() <= 1000);
                for (int i = 0; i < events.size(); i++) {
                    assertEquals(after + i + 1, events.get(i).getAsJsonObject().get("id").getAsLong());
                }
                total += events.size();
                after = o.get("last").getAsLong();
                done = o.get("done").getAsBoolean();
                polls++;
            }
            assertEquals(2502, total);
            assertEquals(3, polls);
        }
    }

    @Test
    void anEmptyPollIsHeldThenAnsweredWithAnEmptyBatchNever204() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            long start = System.nanoTime();
            HttpResponse<String> r = s.get("poll?after=1&wait=1");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(200, r.statusCode());
            assertEquals(0, json(r).getAsJsonArray("events").size());
            assertEquals(1, json(r).get("last").getAsLong());
            assertTrue(ms >= 900, "answered after " + ms + " ms");
        }
    }

    @Test
    void aHeldPollAnswersAsSoonAsAnEventArrives() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.get("poll?after=1");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(pending.isDone());
            long start = System.nanoTime();
            s.recorder.lines("stdout").line("wake up");
            JsonObject o = json(pending.get(5, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("wake up", o.getAsJsonArray("events").get(0).getAsJsonObject()
                    .getAsJsonObject("data").get("text").getAsString());
            assertTrue(ms < 1000, "took " + ms + " ms");
        }
    }

    @Test
    void theBatchWithTheExitEventSaysDoneAndSoDoesAnyPollAfterIt() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.exit(3);
            JsonObject o = json(s.get("poll?after=0"));
            assertTrue(o.get("done").getAsBoolean());
            JsonObject exit = o.getAsJsonArray("events").get(1).getAsJsonObject();
            assertEquals("exit", exit.get("type").getAsString());
            assertEquals(3, exit.getAsJsonObject("data").get("code").getAsInt());
            JsonObject after = json(s.get("poll?after=2"));
            assertTrue(after.get("done").getAsBoolean());
            assertEquals(0, after.getAsJsonArray("events").size());
        }
    }

    @Test
    void absurdParametersAreRejectedWith400() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String q : new String[] {"after=-1", "after=x", "after=1.5", "max=0", "max=1001", "wait=26", "wait=-3",
                    "after=123456789012345678901234"}) {
                assertEquals(400, s.get("poll?" + q).statusCode(), q);
            }
        }
    }
}
