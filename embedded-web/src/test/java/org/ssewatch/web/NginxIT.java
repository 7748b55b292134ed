package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.web.access.ExpectedHeaders;

/**
 * ssewatch behind a real nginx, configured with the location block from docs/nginx.md, under a
 * sub-path: events arrive live through it, polls work, the token still guards everything.
 */
@Timeout(60)
class NginxIT {
    @Test
    void eventsArriveLiveAndPollsWorkThroughNginxUnderASubPath(@TempDir Path dir) throws Exception {
        Nginx.assumeAvailable();
        String token = Tokens.generate();
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(token)).started()) {
            String location = NginxDoc.block("location /watch/");
            assertTrue(location.contains("127.0.0.1:8080"), location);
            try (Nginx nginx = Nginx.start(dir, location.replace("127.0.0.1:8080", "127.0.0.1:" + s.server.port()))) {
                URI base = URI.create("http://127.0.0.1:" + nginx.port + "/watch/" + token + "/");
                checkThrough(s, base, nginx.port, token);
            }
        }
    }

    private static void checkThrough(TestServer s, URI base, int port, String token) throws Exception {
        HttpResponse<String> status = get(s, base.resolve("api/status"));
        assertEquals(200, status.statusCode());
        assertEquals(ExpectedHeaders.CSP, status.headers().firstValue("content-security-policy").orElse(null));
        assertEquals(404, get(s, URI.create("http://127.0.0.1:" + port + "/watch/wrong/api/status")).statusCode());
        HttpResponse<String> bare = get(s, URI.create("http://127.0.0.1:" + port + "/watch/" + token));
        assertEquals(302, bare.statusCode());
        assertEquals(base, URI.create("http://127.0.0.1:" + port + "/watch/" + token).resolve(bare.headers().firstValue("location").orElseThrow()));

        HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(base.resolve("events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElse(""));
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            long ms = s.printAndAwait(in, "proxied " + i);
            assertTrue(ms < 1000, "an event took " + ms + " ms through nginx: buffered?");
        }

        JsonObject poll = JsonParser.parseString(get(s, base.resolve("poll?after=0")).body()).getAsJsonObject();
        assertEquals(6, poll.getAsJsonArray("events").size());
        long before = System.nanoTime();
        Thread writer = new Thread(() -> {
            sleep(300);
            s.recorder.lines("stdout").line("after the poll began");
        });
        writer.start();
        JsonObject held = JsonParser.parseString(get(s, base.resolve("poll?after=" + poll.get("last").getAsLong())).body())
                .getAsJsonObject();
        assertEquals(1, held.getAsJsonArray("events").size(), held.toString());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) < 3000, "a held poll answers when an event comes");
        s.exit(0);
        String line;
        boolean exited = false;
        while ((line = in.readLine()) != null) {
            exited |= line.equals("event: exit");
        }
        assertTrue(exited, "the exit event came through and the stream ended");
    }

    private static HttpResponse<String> get(TestServer s, URI u) throws Exception {
        return s.http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
