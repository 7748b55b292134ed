package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.PipeRunner;
import org.ssewatch.web.access.ExpectedHeaders;

@Timeout(60)
class EndpointsIT {
    @Test
    void logTxtIsTheFinalTextOfEveryLineWithSplitPiecesJoined() throws Exception {
        try (TestServer s = TestServer.start()) {
            byte[] input = ("first\nprogress 10%\rprogress 100%\n" + "x".repeat(40) + "\nbad \u00ff byte\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            new PipeRunner(new ByteArrayInputStream(input), null, s.recorder, 16, null).run();
            HttpResponse<String> r = s.get("log.txt");
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            assertEquals("first\nprogress 100%\n" + "x".repeat(40) + "\nbad \ufffd byte\n", r.body());
        }
    }

    @Test
    void logTxtEndsWithTheLinesStillBeingWrittenAsTheyStandNow() throws Exception {
        try (TestServer s = TestServer.start()) {
            var out = s.recorder.lines("stdout");
            var err = s.recorder.lines("stderr");
            out.line("building", false, false);
            out.line("Continue? [y", true, false);
            err.line("warning: half", true, false);
            out.line("Continue? [y/N] ", true, false); // the same line, grown
            assertEquals("building\nContinue? [y/N] \nwarning: half\n", s.get("log.txt").body());

            out.line("Continue? [y/N] y", false, false); // finished: its partial versions are gone
            assertEquals("building\nContinue? [y/N] y\nwarning: half\n", s.get("log.txt").body());
        }
    }

    @Test
    void logTxtStreamsARunLargerThanMemoryFromTheSpillFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, dir, 1L << 30),
                ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 50_000; i++) {
                s.recorder.lines("stdout").line("line " + i);
                expected.append("line ").append(i).append('\n');
            }
            assertEquals(expected.toString(), s.get("log.txt").body());
        }
    }

    @Test
    void logTxtSaysInALineOfItsOwnWhichEventsWereNotKeptAndGoesOnToTheEnd(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // 100 events in memory and a 4 KB spill file: most of the run is not kept.
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, dir, 4096),
                ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 1; i <= 1000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            s.exit(0);
            java.util.List<String> log = s.get("log.txt").body().lines().toList();
            java.util.List<String> markers = log.stream().filter(l -> l.startsWith("[ssewatch: ")).toList();
            assertEquals(1, markers.size(), String.join("\n", markers));
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\\[ssewatch: output missing here \\(events (\\d+)-(\\d+) were not kept\\)]").matcher(markers.get(0));
            assertTrue(m.matches(), markers.get(0));
            int at = log.indexOf(markers.get(0));
            // Event 1 is the start: line N is event N + 1.
            assertEquals("line " + (Long.parseLong(m.group(1)) - 2), log.get(at - 1));
            assertEquals("line " + Long.parseLong(m.group(2)), log.get(at + 1));
            assertEquals("line 1000", log.get(log.size() - 1));
        }
    }

    @Test
    void statusSaysWhatRunsWhereAndHowItEnded() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("a");
            s.recorder.lines("stderr").line("b");
            JsonObject running = JsonParser.parseString(s.get("api/status").body()).getAsJsonObject();
            assertEquals("running", running.get("state").getAsString());
            assertEquals("make", running.getAsJsonArray("command").get(0).getAsString());
            assertEquals(4242, running.get("pid").getAsLong());
            assertEquals(1, running.getAsJsonObject("lines").get("stderr").getAsLong());
            assertTrue(running.get("exit").isJsonNull());
            s.exit(130);
            JsonObject ended = JsonParser.parseString(s.get("api/status").body()).getAsJsonObject();
            assertEquals("exited", ended.get("state").getAsString());
            assertEquals("SIGINT", ended.getAsJsonObject("exit").get("signal").getAsString());
            assertEquals(4, ended.get("lastId").getAsLong());
            assertEquals(List.of("state", "command", "title", "cwd", "host", "pid", "mode", "started", "ended", "exit", "lastId",
                    "lines", "viewers"), List.copyOf(ended.keySet()), "a run the hub did not start: no job, params, startedBy");
        }
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            assertEquals(404, s.get("nope").statusCode());
            assertEquals(404, s.get("api/nope").statusCode());
            assertEquals(404, s.get("../etc/passwd").statusCode());
            for (String path : List.of("events", "poll", "log.txt", "api/status", "", "app.js")) {
                HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.url(path))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), path);
                assertEquals("GET, HEAD", r.headers().firstValue("allow").orElse(""));
            }
        }
    }

    @Test
    void withATokenEveryPathNeedsItAndTheBareBaseRedirectsToTheSlash() throws Exception {
        String token = "s3cr3t-t0ken_abc";
        try (TestServer s = new TestServer(JournalConfig.inMemory(100),
                ServerConfig.defaults().withBind("127.0.0.1").withToken(token))) {
            s.started();
            assertTrue(s.server.baseUrl().getPath().equals("/" + token + "/"), s.server.baseUrl().toString());
            assertEquals(200, s.get("api/status").statusCode());
            java.net.URI root = s.server.baseUrl().resolve("/");
            for (String p : List.of("api/status", "events", "poll", "log.txt", "", "wrong/api/status", "s3cr3t-t0ken_abd/api/status")) {
                HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(root.resolve(p)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode(), p);
            }
            HttpResponse<String> bare = s.http.send(HttpRequest.newBuilder(root.resolve(token + "?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, bare.statusCode());
            // Relative, so that it also works under a reverse proxy's path prefix.
            assertEquals(token + "/?x=1", bare.headers().firstValue("location").orElse(""));
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.exit(0);
            for (String path : List.of("api/status", "events", "poll", "log.txt", "nope", "events?from=0")) {
                HttpResponse<String> r = s.get(path);
                assertEquals(ExpectedHeaders.CSP, r.headers().firstValue("content-security-policy").orElse(null), path);
                assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(null), path);
                assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(null), path);
                assertTrue(r.headers().firstValue("server").isEmpty(), path);
            }
        }
    }
}
