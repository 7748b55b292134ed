package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.logging.LDLogger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.Response;

/**
 * A viewer with an SSE client we did not write (LaunchDarkly's okhttp-eventsource), which, like a
 * browser, reconnects by itself and resumes with Last-Event-ID. It notes for each of its HTTP
 * connections the Last-Event-ID it sent and nginx's X-Upstream header, and for each event the
 * connection it came on, so that a test can check where each part of the run was read.
 */
final class SseViewer implements AutoCloseable {
    /** One connection: its HTTP status, the Last-Event-ID it resumed from (null at first) and its X-Upstream header. */
    record Connection(int status, String lastEventId, String upstream) {
    }

    /** One event as received, and the index of the connection it came on. */
    record Received(long id, String type, String data, int connection) {
        /** The event as its SSE frame would carry it, without the connection. */
        String frame() {
            return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n";
        }

        /** The text of a line event. */
        String text() {
            return JsonParser.parseString(data).getAsJsonObject().get("text").getAsString();
        }
    }

    private final EventSource source;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Received> received = new ArrayList<>();

    SseViewer(URI events) {
        source = new EventSource.Builder(ConnectStrategy.http(events).readTimeout(90, TimeUnit.SECONDS)
                .clientBuilderActions(b -> b.addNetworkInterceptor(chain -> {
                    Response r = chain.proceed(chain.request());
                    connections.add(new Connection(r.code(), chain.request().header("Last-Event-ID"), r.header("X-Upstream")));
                    return r;
                })))
                // Reconnects on its own after a dropped stream, as browsers do; ten failures in a row fail the test.
                .errorStrategy(ErrorStrategy.continueWithMaxAttempts(10))
                .logger(LDLogger.none()).build();
    }

    /** Every event of a stream, from the start to the exit event. */
    static List<Received> readAll(URI events) throws StreamException {
        try (SseViewer v = new SseViewer(events)) {
            return v.readToExit();
        }
    }

    Received next() throws StreamException {
        MessageEvent m = source.readMessage();
        // The events of a connection are all read before the client reconnects, so the count is this event's.
        Received r = new Received(Long.parseLong(m.getLastEventId()), m.getEventName(), m.getData(), connections.size() - 1);
        received.add(r);
        return r;
    }

    /** Reads on (what the old connection had delivered first) until the first event of a new connection. */
    Received readFromNextConnection() throws StreamException {
        int now = connections.size() - 1;
        while (true) {
            Received r = next();
            if (r.connection() > now) {
                return r;
            }
        }
    }

    /** Reads on until the line "line N" (pipe mode's stdin events). */
    Received readThroughLine(int n) throws StreamException {
        String want = "line " + n;
        while (true) {
            Received r = next();
            if (r.type().equals("stdin") && r.text().equals(want)) {
                return r;
            }
        }
    }

    List<Received> readToExit() throws StreamException {
        while (!next().type().equals("exit")) {
            // reading on
        }
        return List.copyOf(received);
    }

    /** Closes the HTTP connection now, mid-stream (the client's side of a dropped network); the next read reconnects. */
    void cut() {
        source.interrupt();
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Each reconnection resumed from the last event received before it: the id the viewer really had. */
    void assertEachResumeFromTheLastEventBefore() {
        for (int k = 1; k < connections.size(); k++) {
            final int c = k;
            Received last = received.stream().filter(r -> r.connection() < c).reduce((x, y) -> y).orElseThrow();
            assertEquals(Long.toString(last.id()), connections.get(k).lastEventId(), "connection " + k + "'s Last-Event-ID");
        }
    }

    /** The texts of the line events received, in order. */
    List<String> lineTexts() {
        List<String> texts = new ArrayList<>();
        for (Received r : received) {
            if (r.type().equals("stdin")) {
                texts.add(r.text());
            }
        }
        return texts;
    }

    /** {@code got} has "line 1" to "line N" once each, in order, and is the publisher's own stream, event for event. */
    void assertEveryLineOnceAsPublished(List<Received> got, PipePublisher publisher, int n) throws StreamException {
        assertEquals(IntStream.rangeClosed(1, n).mapToObj(i -> "line " + i).toList(), lineTexts(), "every line once, in order");
        assertEquals(readAll(publisher.local.resolve("events")).stream().map(Received::frame).toList(),
                got.stream().map(Received::frame).toList(), "the publisher's own stream, event for event");
    }

    @Override
    public void close() {
        source.close();
    }
}
