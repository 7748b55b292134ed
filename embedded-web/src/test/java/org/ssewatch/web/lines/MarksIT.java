package org.ssewatch.web.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.RunConfig;
import org.ssewatch.share.RunDirectory;
import org.ssewatch.share.RunSaver;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.StartInfo;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.WatchServer;

/**
 * {@code marks}: the events between the lines of a run, without the lines, for a page that opens
 * at the tail. The oracle is the journal itself: every event that is not a line, with its bytes.
 */
@Timeout(120)
class MarksIT {
    /** 50,000 lines with a group around each tenth of them, a warning in each, progress and a custom event. */
    private static final String BUILD = String.join("\n",
            "for k in 1 2 3 4 5; do",
            "  echo \"::group::Part $k\"",
            "  seq $(( (k - 1) * 10000 + 1 )) $(( k * 10000 - 1 ))",
            "  echo \"::warning file=src/part$k.c,line=$k::careful with part $k\"",
            "  echo \"{\\\"type\\\":\\\"progress\\\",\\\"data\\\":{\\\"done\\\":$k,\\\"total\\\":5}}\" > \"$SSEWATCH_EVENTS\"",
            "  echo \"::endgroup::\"",
            "done",
            "echo '{\"type\":\"deploy-step\",\"data\":{\"step\":\"migrate\"}}' > \"$SSEWATCH_EVENTS\"",
            "echo '{\"type\":\"status\",\"data\":{\"text\":\"done\"}}' > \"$SSEWATCH_EVENTS\"");

    @TempDir
    Path dir;

    private static TestServer build(JournalConfig journal) throws Exception {
        TestServer s = new TestServer(journal, ServerConfig.defaults().withBind("127.0.0.1"));
        new CommandRunner(RunConfig.of(List.of("bash", "-c", BUILD)), s.recorder, null, null).run();
        return s;
    }

    /** The events that are not lines, id to "type payload", as the journal holds them. */
    static Map<Long, String> expected(List<Event> events) {
        Map<Long, String> out = new TreeMap<>();
        for (Event e : events) {
            if (!EventTypes.isLine(e.type())) {
                out.put(e.id(), e.type() + " " + e.payloadJson());
            }
        }
        return out;
    }

    /** Every mark the endpoint gives from {@code query} on, following {@code next}; counts the answers in {@code pages}. */
    static Map<Long, String> all(Getter get, String query, int[] pages) throws Exception {
        Map<Long, String> out = new TreeMap<>();
        String after = "";
        long last = 0;
        while (true) {
            JsonObject a = LinesIT.json(get.get("marks?" + query + after));
            pages[0]++;
            for (JsonElement e : a.getAsJsonArray("events")) {
                JsonObject m = e.getAsJsonObject();
                long id = m.get("id").getAsLong();
                assertTrue(id > last, "in id order: " + id + " after " + last);
                last = id;
                out.put(id, m.get("type").getAsString() + " " + m.get("data").toString());
            }
            if (!a.has("next")) {
                return out;
            }
            after = "&after=" + a.get("next").getAsLong();
        }
    }

    interface Getter {
        HttpResponse<String> get(String relative) throws Exception;
    }

    @Test
    void theEventsBetweenFiftyThousandLinesComeInIdOrderWithTheirBytesFromMemoryAndTheSpillFile() throws Exception {
        try (TestServer s = build(new JournalConfig(100, 1 << 20, dir, 1L << 30))) {
            Map<Long, String> want = expected(s.events(0));
            assertEquals(5 * 2 + 5 + 5 + 2 + 2, want.size(), "start, 10 group events, 5 warnings, 5 progress, 2 custom, exit: " + want);
            int[] pages = {0};
            assertEquals(want, all(s::get, "before=" + (s.journal.lastId() + 1), pages));
            assertEquals(1, pages[0]);
            // Before a window of the last 2,000 lines: what the run said up to there, and nothing after.
            long firstInWindow = LinesIT.json(s.get("lines?tail=2000")).getAsJsonArray("lines").get(0).getAsJsonObject()
                    .get("line").getAsLong();
            long firstId = s.events(0).stream().filter(e -> EventTypes.isLine(e.type())).skip(firstInWindow - 1)
                    .findFirst().orElseThrow().id();
            Map<Long, String> before = new TreeMap<>(want);
            before.keySet().removeIf(id -> id >= firstId);
            assertEquals(before, all(s::get, "before=" + firstId, pages));
            assertTrue(before.values().stream().anyMatch(v -> v.startsWith("annotation ") && v.contains("careful with part 4")));
            assertFalse(before.values().stream().anyMatch(v -> v.contains("careful with part 5")), "part 5 is in the window");
        }
    }

    @Test
    void aLimitedAskGetsWhereToGoOnAndTheWholeComesInPieces() throws Exception {
        try (TestServer s = build(JournalConfig.inMemory(100_000))) {
            Map<Long, String> want = expected(s.events(0));
            int[] pages = {0};
            assertEquals(want, all(s::get, "limit=4", pages));
            assertEquals((want.size() + 3) / 4, pages[0]);
            JsonObject first = LinesIT.json(s.get("marks?limit=4"));
            assertEquals(4, first.getAsJsonArray("events").size());
            assertEquals(first.getAsJsonArray("events").get(3).getAsJsonObject().get("id").getAsLong(), first.get("next").getAsLong());
            assertEquals(s.journal.lastId(), first.get("lastId").getAsLong());
            JsonObject none = LinesIT.json(s.get("marks?after=" + s.journal.lastId()));
            assertEquals(0, none.getAsJsonArray("events").size());
            assertFalse(none.has("next"));
        }
    }

    @Test
    void marksNoLongerRetainedComeAsTheGapTheStreamWouldGive() throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, dir, 4096), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 1; i <= 1000; i++) {
                s.recorder.lines("stdout").line("line " + i);
                if (i % 100 == 0) {
                    s.recorder.event("progress", ("{\"done\":" + i + ",\"total\":1000}").getBytes());
                }
            }
            JsonObject a = LinesIT.json(s.get("marks"));
            List<String> types = new ArrayList<>();
            a.getAsJsonArray("events").forEach(e -> types.add(e.getAsJsonObject().get("type").getAsString()));
            assertTrue(types.contains("gap"), types.toString());
            JsonObject gap = a.getAsJsonArray("events").get(types.indexOf("gap")).getAsJsonObject();
            long from = gap.getAsJsonObject("data").get("from").getAsLong();
            long to = gap.getAsJsonObject("data").get("to").getAsLong();
            assertEquals(to, gap.get("id").getAsLong());
            Map<Long, String> want = expected(s.events(0));
            Map<Long, String> got = new TreeMap<>();
            a.getAsJsonArray("events").forEach(e -> got.put(e.getAsJsonObject().get("id").getAsLong(),
                    e.getAsJsonObject().get("type").getAsString() + " " + e.getAsJsonObject().get("data")));
            want.keySet().removeIf(id -> id >= from && id <= to);
            got.remove(to);
            assertEquals(want, got, "every mark is served, or inside the gap");
            assertEquals("start", types.get(0));
            assertEquals("progress", types.get(types.size() - 1), "the marks after the gap are served from memory");
        }
    }

    @Test
    void aSavedRunServesItsMarksFromItsJournalFile() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        List<Event> events;
        try (Journal journal = new Journal(new JournalConfig(16, 64 * 1024, null, 0), notice -> { }, run)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(run, recorder, notice -> { });
            recorder.start(new StartInfo(List.of("job"), "/", "box", 7L, null, false));
            for (int i = 1; i <= 5000; i++) {
                recorder.lines("stdout").line("line " + i);
                if (i % 1000 == 1) {
                    recorder.event("status", ("{\"text\":\"step " + i + "\"}").getBytes());
                }
            }
            recorder.exit(org.ssewatch.share.ExitStatus.fromProcess(0));
            events = new ArrayList<>();
            long cursor = 0;
            while (cursor < journal.lastId()) {
                cursor = journal.read(cursor, 10_000, Long.MAX_VALUE, events::add);
            }
        }
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, null, StreamOptions.defaults());
        try (SavedRun saved = SavedRun.open(run.dir()); WatchServer server = WatchServer.start(config, saved)) {
            var http = TestServer.client(null);
            Map<Long, String> want = expected(events);
            assertEquals(1 + 5 + 1, want.size());
            assertEquals(want, all(r -> http.send(HttpRequest.newBuilder(server.baseUrl().resolve(r)).build(),
                    HttpResponse.BodyHandlers.ofString()), "limit=2", new int[1]));
        }
    }

    @Test
    void aSavedRunWhoseJournalWasCutShortNamesTheMarksItLostAsAGap() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        try (Journal journal = new Journal(new JournalConfig(16, 64 * 1024, null, 0), notice -> { }, run)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(run, recorder, notice -> { });
            recorder.start(new StartInfo(List.of("job"), "/", "box", 7L, null, false));
            for (int i = 1; i <= 5000; i++) {
                recorder.lines("stdout").line("line " + i);
                if (i % 1000 == 0) {
                    recorder.event("status", ("{\"text\":\"step " + i + "\"}").getBytes());
                }
            }
            recorder.exit(org.ssewatch.share.ExitStatus.fromProcess(0));
        }
        // The disk filled up, say: the journal keeps its first half, run.json knows how the run ended.
        java.nio.file.Path file = run.dir().resolve(RunDirectory.JOURNAL);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(java.nio.file.Files.size(file) / 2);
        }
        java.nio.file.Files.deleteIfExists(run.dir().resolve(RunDirectory.INDEX));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, null, StreamOptions.defaults());
        try (SavedRun saved = SavedRun.open(run.dir()); WatchServer server = WatchServer.start(config, saved)) {
            var http = TestServer.client(null);
            Map<Long, String> got = all(r -> http.send(HttpRequest.newBuilder(server.baseUrl().resolve(r)).build(),
                    HttpResponse.BodyHandlers.ofString()), "", new int[1]);
            List<String> types = got.values().stream().map(v -> v.substring(0, v.indexOf(' '))).toList();
            assertEquals("start", types.get(0));
            assertEquals("exit", types.get(types.size() - 1));
            assertEquals(1, types.stream().filter("gap"::equals).count(), got.toString());
            assertTrue(types.indexOf("gap") > 1 && types.indexOf("gap") < types.size() - 1, "kept marks, the gap, the exit: " + types);
        }
    }

    @Test
    void badParametersGetAOneLineReason() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String[] c : new String[][] {
                    {"marks?before=0", "before must be a whole number from 1 to 9007199254740991\n"},
                    {"marks?before=x", "before must be a whole number from 1 to 9007199254740991\n"},
                    {"marks?after=-1", "after must be a whole number from 0 to 9007199254740991\n"},
                    {"marks?after=5&before=5", "before must be greater than after\n"},
                    {"marks?limit=0", "limit must be a whole number from 1 to 1000\n"},
                    {"marks?limit=1001", "limit must be a whole number from 1 to 1000\n"}}) {
                HttpResponse<String> r = s.get(c[0]);
                assertEquals(400, r.statusCode(), c[0]);
                assertEquals(c[1], r.body(), c[0]);
            }
        }
    }

    @Test
    void theMarksAreBehindTheTokenWithTheSameSecurityHeaders() throws Exception {
        try (TestServer s = new TestServer(JournalConfig.inMemory(1000), TestServer.loopback().withToken("Zk3secrettokenvalue"))) {
            s.started();
            HttpResponse<String> r = s.get("marks");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-security-policy").isPresent());
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""));
            URI wrong = s.url("/marks");
            assertEquals(404, s.http.send(HttpRequest.newBuilder(wrong).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
