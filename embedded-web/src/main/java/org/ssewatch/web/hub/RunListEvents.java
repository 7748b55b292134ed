package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
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
 *
 * <p>Undertow queues every send on a connection until the socket takes it, so a viewer that stops
 * reading would otherwise cost memory for every change made since. Each viewer may have at most
 * {@link #MAX_UNSENT} events not yet written; past that it is behind and gets nothing more until
 * they are written, then one {@code runs} event with the whole list at the current version, which
 * holds every change it skipped. A stuck viewer thus costs at most a constant.
 */
final class RunListEvents implements HttpHandler {
    static final int MAX_UNSENT = 16;
    private static final long KEEP_ALIVE_MS = 15_000;
    private static final AttachmentKey<Viewer> VIEWER = AttachmentKey.create(Viewer.class);
    private final Supplier<List<RunListing>> list;
    private final ServerSentEventHandler sse = new ServerSentEventHandler(this::connected);
    /**
     * Catch-ups run here, not in the send callback: that runs on the connection's I/O thread
     * and must not wait for this object's lock, which {@link #update} holds while sending.
     */
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ssewatch-hub-list-catch-up");
        t.setDaemon(true);
        return t;
    });
    private long version = 1;
    /** The list at {@link #version}, in its order. */
    private Map<String, RunListing> last = new LinkedHashMap<>();
    /** Why the list may be out of date at {@link #version}, or null. */
    private String problem;

    RunListEvents(RunStore store) {
        this(() -> store.list().stream().map(HubRun::listing).toList());
        list.get().forEach(r -> last.put(r.id(), r));
    }

    /**
     * Over runs that someone else lists ({@link ReadOnlyHub}): {@code list} gives them as they stand,
     * asked for first on the first {@link #update}, not here (it may cost a remote store a read).
     */
    RunListEvents(Supplier<List<RunListing>> list) {
        this.list = list;
    }

    /** What a viewer's connection has not yet written; guarded by the RunListEvents' lock. */
    private static final class Viewer {
        int unsent;
        boolean behind;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseHeaders().put(new HttpString("X-Accel-Buffering"), "no");
        sse.handleRequest(ex);
    }

    private synchronized void connected(ServerSentEventConnection c, String lastEventId) {
        c.setKeepAliveTime(KEEP_ALIVE_MS);
        c.putAttachment(VIEWER, new Viewer());
        if (!Long.toString(version).equals(lastEventId)) {
            sendWhole(c);
        }
    }

    private void sendWhole(ServerSentEventConnection c) {
        List<RunListing> runs = new ArrayList<>(last.values());
        String why = problem;
        send(c, "runs", HubJson.of(j -> j.runs(runs, System.currentTimeMillis(), why)));
    }

    /** Sends what changed in the list since the last call; called after every change. */
    void changed() {
        update(list.get());
    }

    /** Sends what changed from the list last sent to {@code list} (running first, newest first). */
    void update(List<RunListing> list) {
        update(list, null);
    }

    /**
     * The same, and when {@code problem} (why the list may be out of date, or null) is not what it was, the
     * whole list with it: a {@code runs} event, which every viewer's page already takes as it is.
     */
    synchronized void update(List<RunListing> list, String problem) {
        Map<String, RunListing> now = new LinkedHashMap<>();
        list.forEach(r -> now.put(r.id(), r));
        Set<String> gone = new HashSet<>(last.keySet());
        gone.removeAll(now.keySet());
        long time = System.currentTimeMillis();
        for (RunListing r : now.values()) {
            if (!r.equals(last.get(r.id()))) {
                sendAll("run", HubJson.of(j -> j.run(r, time)));
            }
        }
        for (String id : gone) {
            sendAll("removed", HubJson.of(j -> j.writer().beginObject().name("id").value(id).endObject()));
        }
        last = now;
        if (!Objects.equals(problem, this.problem)) {
            this.problem = problem;
            List<RunListing> runs = new ArrayList<>(now.values());
            sendAll("runs", HubJson.of(j -> j.runs(runs, time, problem)));
        }
    }

    private void sendAll(String event, String data) {
        version++;
        for (ServerSentEventConnection c : sse.getConnections()) {
            Viewer v = c.getAttachment(VIEWER);
            if (v == null || v.behind) {
                continue;
            }
            if (v.unsent >= MAX_UNSENT) {
                v.behind = true;
                continue;
            }
            send(c, event, data);
        }
    }

    private void send(ServerSentEventConnection c, String event, String data) {
        Viewer v = c.getAttachment(VIEWER);
        v.unsent++;
        c.send(data, event, Long.toString(version), new ServerSentEventConnection.EventCallback() {
            @Override
            public void done(ServerSentEventConnection conn, String d, String e, String id) {
                later(conn);
            }

            @Override
            public void failed(ServerSentEventConnection conn, String d, String e, String id, IOException x) {
                later(conn);
            }
        });
    }

    private void later(ServerSentEventConnection c) {
        try {
            catchUps.execute(() -> written(c));
        } catch (RejectedExecutionException closed) {
            // the hub is closing: no viewer is left to catch up
        }
    }

    /** One of {@code c}'s events was written (or dropped with it); a drained viewer behind catches up. */
    private synchronized void written(ServerSentEventConnection c) {
        Viewer v = c.getAttachment(VIEWER);
        v.unsent--;
        if (v.unsent == 0 && v.behind && c.isOpen()) {
            v.behind = false;
            sendWhole(c);
        }
    }

    /** The most events any viewer has not yet had written, how many viewers are behind, and how many there are. */
    synchronized int[] backlog() {
        int most = 0;
        int behind = 0;
        int viewers = 0;
        for (ServerSentEventConnection c : sse.getConnections()) {
            Viewer v = c.getAttachment(VIEWER);
            if (v != null) {
                most = Math.max(most, v.unsent);
                behind += v.behind ? 1 : 0;
                viewers++;
            }
        }
        return new int[] {most, behind, viewers};
    }

    synchronized long version() {
        return version;
    }

    void close() {
        for (ServerSentEventConnection c : sse.getConnections()) {
            c.shutdown();
        }
        catchUps.shutdown();
    }
}
