package org.ssewatch.web.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.TestServer;

class LinesIT {
    @TempDir
    Path dir;

    static JsonObject json(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static List<String> texts(JsonObject answer) {
        List<String> out = new ArrayList<>();
        answer.getAsJsonArray("lines").forEach(l -> out.add(l.getAsJsonObject().get("text").getAsString()));
        return out;
    }

    private static TestServer spilling(Path dir, long spillMax) throws Exception {
        return new TestServer(new JournalConfig(100, 1 << 20, dir, spillMax), ServerConfig.defaults().withBind("127.0.0.1"));
    }

    @Test
    void linesAreServedByNumberFromMemoryAndTheSpillFileWithTheRunsSize() throws Exception {
        try (TestServer s = spilling(dir, 1L << 30).started()) {
            for (int i = 1; i <= 10_000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            JsonObject first = json(s.get("lines?from=1&to=3"));
            assertEquals(List.of("line 1", "line 2", "line 3"), texts(first));
            assertEquals(10_000, first.get("total").getAsLong());
            assertEquals(10_001, first.get("lastId").getAsLong());
            assertFalse(first.get("done").getAsBoolean());
            JsonObject line = first.getAsJsonArray("lines").get(0).getAsJsonObject();
            assertEquals(1, line.get("line").getAsLong());
            assertEquals("stdout", line.get("stream").getAsString());
            assertTrue(line.get("time").getAsLong() > 0);
            assertEquals(List.of("line 9999", "line 10000"), texts(json(s.get("lines?from=9999&to=10000"))));
            assertEquals(List.of("line 9998", "line 9999", "line 10000"), texts(json(s.get("lines?tail=3"))));
            s.exit(0);
            assertTrue(json(s.get("lines?tail=1")).get("done").getAsBoolean());
        }
    }

    @Test
    void aLargerAskGetsTheCapAndWhereToGoOn() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (int i = 1; i <= 5000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            JsonObject a = json(s.get("lines?from=1&to=5000"));
            assertEquals(RangeEndpoint.MAX_LINES, a.getAsJsonArray("lines").size());
            assertEquals(RangeEndpoint.MAX_LINES, a.get("to").getAsLong());
            assertEquals(RangeEndpoint.MAX_LINES + 1, a.get("next").getAsLong());
            JsonObject last = json(s.get("lines?from=4001&to=5000"));
            assertFalse(last.has("next"), "the whole ask fitted");
            JsonObject past = json(s.get("lines?from=6000"));
            assertEquals(0, past.getAsJsonArray("lines").size());
            assertFalse(past.has("next"));
        }
    }

    @Test
    void aPartialLineIsServedOnceAsItStandsLast() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            var out = s.recorder.lines("stdout");
            out.line("10%", true, false);
            s.recorder.lines("stderr").line("warning");
            out.line("100%", false, false);
            out.line("Continue? ", true, false);
            JsonObject a = json(s.get("lines?from=1&to=3"));
            assertEquals(List.of("100%", "warning", "Continue? "), texts(a));
            JsonArray lines = a.getAsJsonArray("lines");
            assertFalse(lines.get(0).getAsJsonObject().has("partial"));
            assertEquals("stderr", lines.get(1).getAsJsonObject().get("stream").getAsString());
            assertTrue(lines.get(2).getAsJsonObject().get("partial").getAsBoolean());
        }
    }

    @Test
    void linesPastTheSpillLimitAreNamedAsAGap() throws Exception {
        try (TestServer s = spilling(dir, 4096).started()) {
            for (int i = 1; i <= 1000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            JsonObject a = json(s.get("lines?from=1&to=1000"));
            JsonArray gaps = a.getAsJsonArray("gaps");
            assertEquals(1, gaps.size(), gaps.toString());
            long from = gaps.get(0).getAsJsonObject().get("from").getAsLong();
            long to = gaps.get(0).getAsJsonObject().get("to").getAsLong();
            assertTrue(from > 1 && to < 1000 && from <= to, gaps.toString());
            assertEquals(1000 - (to - from + 1), a.getAsJsonArray("lines").size(), "every line is either served or in the gap");
            List<Long> numbers = new ArrayList<>();
            for (JsonElement l : a.getAsJsonArray("lines")) {
                numbers.add(l.getAsJsonObject().get("line").getAsLong());
            }
            assertFalse(numbers.contains(from) || numbers.contains(to));
            assertTrue(numbers.contains(from - 1) && numbers.contains(to + 1));
        }
    }

    @Test
    void badParametersGetAOneLineReason() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String[] c : new String[][] {
                    {"lines?from=0", "from must be a whole number from 1 to 9007199254740991\n"},
                    {"lines?from=-1", "from must be a whole number from 1 to 9007199254740991\n"},
                    {"lines?from=x", "from must be a whole number from 1 to 9007199254740991\n"},
                    {"lines?from=5&to=4", "to must not be less than from\n"},
                    {"lines?tail=0", "tail must be a whole number from 1 to 2000\n"},
                    {"lines?tail=2001", "tail must be a whole number from 1 to 2000\n"},
                    {"lines?tail=5&from=1", "tail cannot be given with from or to\n"}}) {
                HttpResponse<String> r = s.get(c[0]);
                assertEquals(400, r.statusCode(), c[0]);
                assertEquals(c[1], r.body(), c[0]);
            }
        }
    }

    @Test
    void theRangeIsBehindTheTokenWithTheSameSecurityHeaders() throws Exception {
        try (TestServer s = new TestServer(JournalConfig.inMemory(1000), TestServer.loopback().withToken("Zk3secrettokenvalue"))) {
            s.started();
            HttpResponse<String> r = s.get("lines?from=1");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-security-policy").isPresent());
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""));
            URI wrong = s.url("/lines?from=1");
            assertEquals(404, s.http.send(java.net.http.HttpRequest.newBuilder(wrong).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
