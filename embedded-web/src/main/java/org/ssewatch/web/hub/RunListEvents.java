package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunStore;

/**
 * {@code GET api/runs/events}: the run list as an event stream (docs/PROTOCOL.md, "The hub"). A
 * viewer first gets {@code runs}, the whole list as {@code GET api/runs} gives it, then a
 * {@code run} event for each run that started or changed and a {@code removed} event for each run
 * removed. Every event's id is the list's version; a viewer that reconnects with the current
 * version as {@code Last-Event-ID} gets nothing again, any other gets the whole list anew, so no
 * change is ever missed and nothing is kept to replay.
 */
final class RunListEvents implements HttpHandler {
    private static final long KEEP_ALIVE_MS = 15_000;
    private final RunStore store;
    private final ServerSentEventHandler sse = new ServerSentEventHandler(this::connected);
    private long version = 1;
    private Map<String, RunListing> last = new HashMap<>();

    RunListEvents(RunStore store) {
        this.store = store;
        store.list().forEach(r -> last.put(r.id(), r.listing()));
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseHeaders().put(new HttpString("X-Accel-Buffering"), "no");
        sse.handleRequest(ex);
    }

    private synchronized void connected(ServerSentEventConnection c, String lastEventId) {
        c.setKeepAliveTime(KEEP_ALIVE_MS);
        if (!Long.toString(version).equals(lastEventId)) {
            List<RunListing> runs = store.list().stream().map(HubRun::listing).toList();
            c.send(HubJson.of(j -> j.runs(runs, System.currentTimeMillis())), "runs", Long.toString(version), null);
        }
    }

    /** Sends what changed in the list since the last call; called after every change. */
    synchronized void changed() {
        Map<String, RunListing> now = new HashMap<>();
        store.list().forEach(r -> now.put(r.id(), r.listing()));
        Set<String> gone = new HashSet<>(last.keySet());
        gone.removeAll(now.keySet());
        long time = System.currentTimeMillis();
        for (RunListing r : now.values()) {
            if (!r.equals(last.get(r.id()))) {
                send("run", HubJson.of(j -> j.run(r, time)));
            }
        }
        for (String id : gone) {
            send("removed", HubJson.of(j -> j.writer().beginObject().name("id").value(id).endObject()));
        }
        last = now;
    }

    private void send(String event, String data) {
        version++;
        for (ServerSentEventConnection c : sse.getConnections()) {
            c.send(data, event, Long.toString(version), null);
        }
    }

    void close() {
        for (ServerSentEventConnection c : sse.getConnections()) {
            c.shutdown();
        }
    }
}
