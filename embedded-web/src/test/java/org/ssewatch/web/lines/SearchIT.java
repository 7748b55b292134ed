package org.ssewatch.web.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssewatch.web.lines.LinesIT.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.TestServer;

class SearchIT {
    @TempDir
    Path dir;

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> hitLines(JsonObject a) {
        List<Long> out = new ArrayList<>();
        a.getAsJsonArray("hits").forEach(h -> out.add(h.getAsJsonObject().get("line").getAsLong()));
        return out;
    }

    private static List<Integer> at(JsonObject a, int hit) {
        List<Integer> out = new ArrayList<>();
        a.getAsJsonArray("hits").get(hit).getAsJsonObject().getAsJsonArray("at").forEach(x -> out.add(x.getAsInt()));
        return out;
    }

    private static TestServer withLines(String... lines) throws Exception {
        TestServer s = TestServer.start().started();
        for (String l : lines) {
            s.recorder.lines("stdout").line(l);
        }
        return s;
    }

    @Test
    void plainTextIsFoundWithoutRegardToCaseWithLineNumbersAndOffsets() throws Exception {
        try (TestServer s = withLines("Error: one", "fine", "an ERROR and an error", "errors")) {
            JsonObject a = json(s.get("search?q=error"));
            assertEquals(List.of(1L, 3L, 4L), hitLines(a));
            assertEquals(List.of(0, 5), at(a, 0));
            assertEquals(List.of(3, 8, 16, 21), at(a, 1));
            assertEquals(3, a.get("count").getAsLong());
            assertEquals(4, a.get("matches").getAsLong());
            assertEquals(4, a.get("searchedTo").getAsLong());
            assertFalse(a.has("continue"), "the whole run was searched");
            assertEquals("an ERROR and an error", a.getAsJsonArray("hits").get(1).getAsJsonObject().get("text").getAsString());
            assertEquals(List.of(3L), hitLines(json(s.get("search?q=ERROR&case=1"))), "case=1 compares case");
        }
    }

    @Test
    void streamLimitsTheSearchToOneStreamAndWithoutQEveryLineOfItIsAHit() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("out error");
            s.recorder.lines("stderr").line("err one");
            s.recorder.lines("stdout").line("out");
            s.recorder.lines("stderr").line("err error");
            JsonObject all = json(s.get("search?stream=stderr"));
            assertEquals(List.of(2L, 4L), hitLines(all));
            assertEquals("stderr", all.getAsJsonArray("hits").get(0).getAsJsonObject().get("stream").getAsString());
            assertEquals(List.of(), at(all, 0), "no match listed: the whole line is the hit");
            assertEquals(2, all.get("count").getAsLong());
            assertEquals(List.of(4L), hitLines(json(s.get("search?stream=stderr&from=3&limit=1"))), "the next one after line 2");
            JsonObject first = json(s.get("search?stream=stderr&limit=1&first=1"));
            assertEquals(List.of(2L), hitLines(first));
            assertEquals(2, first.get("searchedTo").getAsLong(), "first=1 stops at the hit listed");
            assertEquals(3, first.get("continue").getAsLong());
            assertEquals(1, first.get("count").getAsLong());
            assertEquals(List.of(4L), hitLines(json(s.get("search?stream=stderr&q=error"))), "with q, its lines that match");
            assertEquals(List.of(1L, 4L), hitLines(json(s.get("search?q=error"))));
            assertEquals("stream must be an event type, such as stderr\n", s.get("search?stream=").body());
            assertEquals(400, s.get("search?stream=" + q("a b")).statusCode());
        }
    }

    @Test
    void regularExpressionsAreRunOnRequestAndABadOneIsRefusedInOneLine() throws Exception {
        try (TestServer s = withLines("build 12 ok", "build x ok", "BUILD 7 OK")) {
            assertEquals(List.of(1L, 3L), hitLines(json(s.get("search?regex=1&q=" + q("build \\d+ ok")))));
            assertEquals(List.of(), hitLines(json(s.get("search?q=" + q("build \\d+ ok")))), "without regex=1 it is plain text");
            HttpResponse<String> bad = s.get("search?regex=1&q=" + q("(unclosed"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().startsWith("q is not a valid regular expression: "), bad.body());
            assertEquals(1, bad.body().lines().count(), bad.body());
            assertEquals("q must not be empty\n", s.get("search?q=").body());
            assertEquals("regex must be 1 or 0\n", s.get("search?q=a&regex=maybe").body());
            assertEquals("limit must be a whole number from 0 to 1000\n", s.get("search?q=a&limit=1001").body());
        }
    }

    @Test
    void textBeyondAsciiIsFoundWithoutRegardToCaseToo() throws Exception {
        try (TestServer s = withLines("Grüße aus Köln", "GRÜSSE", "grÜße")) {
            JsonObject a = json(s.get("search?q=" + q("GRÜ")));
            assertEquals(List.of(1L, 2L, 3L), hitLines(a));
            assertEquals(List.of(0, 3), at(a, 0));
            assertEquals(List.of(1L), hitLines(json(s.get("search?case=1&q=" + q("Grü")))));
        }
    }

    @Test
    void matchesAreFoundInTheTextAsShownWithEscapeSequencesRemoved() throws Exception {
        String e = "\u001b";
        try (TestServer s = withLines(e + "[31mFAI" + e + "[1mLED" + e + "[0m test", "plain FAILED")) {
            JsonObject a = json(s.get("search?q=failed"));
            assertEquals(List.of(1L, 2L), hitLines(a));
            assertEquals(List.of(0, 6), at(a, 0), "offsets in the shown text");
            assertEquals(List.of(6, 12), at(a, 1));
            assertEquals(List.of(), hitLines(json(s.get("search?q=31m"))), "escape sequences are not text");
        }
    }

    @Test
    void aSearchOutOfBudgetSaysWhereToContinueAndThePiecesAddUpToTheWhole(@TempDir Path spill) throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(1000, 1 << 20, spill, 1L << 30), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 1; i <= 300_000; i++) {
                s.recorder.lines("stdout").line(i % 1000 == 0 ? "needle " + i : "hay " + i);
            }
            JsonObject whole = json(s.get("search?q=needle&budget=2000&limit=1000"));
            // Whether a 2 s budget suffices depends on the machine; the pieces below add up either way.
            long count = 0;
            List<Long> hits = new ArrayList<>();
            long from = 1;
            int requests = 0;
            while (true) {
                JsonObject a = json(s.get("search?q=needle&budget=1&limit=1000&from=" + from));
                requests++;
                count += a.get("count").getAsLong();
                hits.addAll(hitLines(a));
                if (!a.has("continue")) {
                    break;
                }
                assertEquals(a.get("searchedTo").getAsLong() + 1, a.get("continue").getAsLong());
                from = a.get("continue").getAsLong();
            }
            assertTrue(requests > 1, "1 ms is not enough for 300,000 lines");
            assertEquals(300, count);
            assertEquals(300, hits.size());
            assertEquals(1000L, hits.get(0));
            assertEquals(300_000L, hits.get(299));
            if (!whole.has("continue")) {
                assertEquals(300, whole.get("count").getAsLong());
            }
        }
    }

    @Test
    void hitsBeyondTheLimitAreCountedAndTheNextPageStartsAtTheFirstNotListed() throws Exception {
        try (TestServer s = withLines("a1", "b", "a2", "a3", "a4")) {
            JsonObject a = json(s.get("search?q=a&limit=2"));
            assertEquals(List.of(1L, 3L), hitLines(a));
            assertEquals(4, a.get("count").getAsLong());
            assertEquals(4, a.get("more").getAsLong());
            JsonObject none = json(s.get("search?q=a&limit=0"));
            assertEquals(0, none.getAsJsonArray("hits").size());
            assertEquals(4, none.get("count").getAsLong());
        }
    }

    @Test
    void linesNotKeptAreNamedAsGapsOfTheSearch(@TempDir Path spill) throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, spill, 4096), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 1; i <= 1000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            JsonObject a = json(s.get("search?q=line"));
            JsonArray gaps = a.getAsJsonArray("gaps");
            assertEquals(1, gaps.size(), gaps.toString());
            long missing = gaps.get(0).getAsJsonObject().get("to").getAsLong() - gaps.get(0).getAsJsonObject().get("from").getAsLong() + 1;
            assertEquals(1000 - missing, a.get("count").getAsLong());
        }
    }

    @Test
    void aSpilledRunIsSearchedInTheTextAsShownAndInEachLinesFinalVersion(@TempDir Path spill) throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, spill, 1L << 30), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            var out = s.recorder.lines("stdout");
            String e = "\u001b";
            List<Long> needles = new ArrayList<>();
            byte[] invalid = {'x', (byte) 0xff, (byte) 0xc3, 'N', 'E', 'E', 'D', 'L', 'E'};
            for (int i = 1; i <= 20_000; i++) {
                switch (i % 5000) {
                    case 1 -> out.line(e + "[31mNee" + e + "[1mdle" + e + "[0m " + i);
                    case 2 -> out.line("Caf\u00c9 " + i);
                    case 3 -> out.line(invalid, 0, invalid.length, false);
                    case 4 -> {
                        out.line("needle 10%", true, false);
                        out.line("done 100%", false, false); // the final version: no needle
                    }
                    case 5 -> {
                        out.line("step 1", true, false);
                        out.line("needle found", false, false);
                    }
                    default -> out.line("hay " + i);
                }
                if (i % 5000 == 1 || i % 5000 == 3 || i % 5000 == 5) {
                    needles.add((long) i);
                }
            }
            out.line("a needle pending", true, false);
            needles.add(20_001L);
            JsonObject a = json(s.get("search?q=needle&budget=2000&limit=1000"));
            assertFalse(a.has("continue"), "2 s is enough for 20,000 lines");
            assertEquals(needles, hitLines(a));
            assertEquals(List.of(0, 6), at(a, 0), "offsets in the shown text, escape sequences removed");
            assertEquals(List.of(3, 9), at(a, 1), "after x and the two U+FFFD of the bytes that are not UTF-8");
            assertEquals(4, hitLines(json(s.get("search?q=" + q("caf\u00e9") + "&budget=2000"))).size(), "\u00c9 and \u00e9 alike");
            assertEquals(List.of(), hitLines(json(s.get("search?q=" + q("31mNee") + "&budget=2000"))), "escape sequences are not text");
            assertEquals(List.of(), hitLines(json(s.get("search?q=" + q("10%") + "&budget=2000"))), "a version replaced is not searched");
            JsonObject first = json(s.get("search?q=needle&limit=1&first=1&from=10000&budget=2000"));
            assertEquals(List.of(10_001L), hitLines(first));
            assertEquals(10_001, first.get("searchedTo").getAsLong());
        }
    }

    /** A regular expression that backtracks for hours on a line of 40 a's (30 take 15 s). */
    private static final String RUNAWAY = q("(.*a){12}b");

    @Test
    void aSearchStopsWhenItsClientHangsUp() throws Exception {
        try (TestServer s = withLines("a".repeat(40))) {
            URI u = s.url("search?regex=1&budget=2000&q=" + RUNAWAY);
            for (int i = 0; i < Searches.MAX_RUNNING; i++) {
                try (Socket sock = new Socket(u.getHost(), u.getPort())) {
                    sock.getOutputStream().write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    sock.getOutputStream().flush();
                    Thread.sleep(50); // let it start
                }
            }
            // Had the four kept running, every slot would be taken for their 2 s budget.
            long start = System.nanoTime();
            int status;
            do {
                status = s.get("search?q=a").statusCode();
            } while (status == 503 && System.nanoTime() - start < 1_500_000_000L && sleep());
            assertEquals(200, status, "the searches of clients that hung up stopped, and freed their places");
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    @Test
    void aNewSearchOfTheSameViewerStopsItsPreviousOne() throws Exception {
        try (TestServer s = withLines("a".repeat(40))) {
            CompletableFuture<HttpResponse<String>> first = s.http.sendAsync(
                    HttpRequest.newBuilder(s.url("search?regex=1&budget=2000&viewer=tab1&q=" + RUNAWAY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(200);
            JsonObject second = json(s.get("search?viewer=tab1&q=aaa"));
            assertEquals(1, second.get("count").getAsLong());
            JsonObject a = json(first.get());
            assertTrue(a.has("superseded") && a.get("superseded").getAsBoolean(), a.toString());
            assertEquals(1, a.get("continue").getAsLong(), "the line it was in is searched again if asked");
        }
    }

    @Test
    void aRunawayExpressionEndsWithinItsBudget() throws Exception {
        try (TestServer s = withLines("a".repeat(40), "aab")) {
            JsonObject a = json(s.get("search?regex=1&budget=50&q=" + RUNAWAY));
            assertEquals(0, a.get("searchedTo").getAsLong());
            assertEquals(1, a.get("continue").getAsLong());
            assertEquals(0, a.get("count").getAsLong());
        }
    }
}
