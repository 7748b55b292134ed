package org.ssewatch.web.hub;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An event stream read line by line as the wire has it, one event at a time; comments skipped. */
final class SseLines implements AutoCloseable {
    record Event(String id, String event, String data) {
    }

    private final BufferedReader in;
    private final InputStream body;

    private SseLines(InputStream body) {
        this.body = body;
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static SseLines open(HubFixture hub, String path, String lastEventId) throws Exception {
        return open(hub.http, hub.base.resolve(path), lastEventId);
    }

    static SseLines open(java.net.http.HttpClient http, java.net.URI url, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200 || !r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            throw new AssertionError("not an event stream: " + r.statusCode() + " " + r.headers());
        }
        return new SseLines(r.body());
    }

    /** The next event; blocks until it comes (the test's timeout bounds it). */
    Event next() throws Exception {
        String id = null;
        String event = "message";
        StringBuilder data = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, event, data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
