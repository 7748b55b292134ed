package org.ssewatch.web.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.TestServer;

class LogTxtIT {
    private static final String E = "\u001b";

    @Test
    void logTxtIsTheTextAsAReaderSeesItAndAnsiKeepKeepsTheEscapes() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line(E + "[32mok" + E + "[0m " + E + "]0;title\u0007done\u0007");
            assertEquals("ok done\n", s.get("log.txt").body());
            assertEquals("ok done\n", s.get("log.txt?ansi=strip").body());
            assertEquals(E + "[32mok" + E + "[0m " + E + "]0;title\u0007done\u0007\n", s.get("log.txt?ansi=keep").body());
            HttpResponse<String> bad = s.get("log.txt?ansi=maybe");
            assertEquals(400, bad.statusCode());
            assertEquals("ansi must be keep or strip\n", bad.body());
            assertEquals("follow must be 1 or 0\n", s.get("log.txt?follow=yes").body());
        }
    }

    @Test
    void aFollowerGetsTheLogThenEachLineAsItIsFinishedAndTheEndWhenTheRunEnds() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            var out = s.recorder.lines("stdout");
            out.line("before " + E + "[1mbold" + E + "[0m");
            HttpResponse<java.io.InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("log.txt?follow=1"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            assertEquals("no", r.headers().firstValue("x-accel-buffering").orElse(""));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertEquals("before bold", in.readLine());
                s.awaitViewers(1, Duration.ofSeconds(10));
                out.line("half", true, false); // a partial version is not written: it may still change
                out.line("half and done", false, false);
                assertEquals("half and done", in.readLine(), "a line comes as soon as it is finished");
                s.recorder.lines("stderr").line("on stderr");
                assertEquals("on stderr", in.readLine());
                s.exit(0);
                assertNull(in.readLine(), "the response ends with the run");
            }
            s.awaitViewers(0, Duration.ofSeconds(10));
        }
    }

    @Test
    void aFollowerOfAFinishedRunGetsTheWholeLogAndTheEnd() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line(E + "[31mred");
            s.exit(0);
            assertEquals("red\n", s.get("log.txt?follow=1").body());
            assertEquals(E + "[31mred\n", s.get("log.txt?follow=1&ansi=keep").body());
        }
    }

    @Test
    void followersCountAsViewers() throws Exception {
        try (TestServer s = TestServer.start(StreamOptions.defaults().withMaxViewers(1)).started()) {
            var first = s.http.sendAsync(HttpRequest.newBuilder(s.url("log.txt?follow=1")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, first.get().statusCode());
            s.awaitViewers(1, Duration.ofSeconds(10));
            HttpResponse<String> second = s.get("log.txt?follow=1");
            assertEquals(503, second.statusCode());
            assertTrue(second.body().startsWith("Too many viewers"), second.body());
            first.get().body().close();
        }
    }
}
