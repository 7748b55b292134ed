package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.ssewatch.share.LineRanges;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.stream.HangUpWatch;
import org.ssewatch.web.stream.Positions;
import org.xnio.IoUtils;

/**
 * {@code GET search?q=TEXT} (and {@code stream=NAME}, the lines of one stream only): matching lines across the whole run, searched on a worker thread
 * within a time budget; what the budget did not reach is named by {@code continue}. A search whose
 * client hangs up (HTTP/1.1) stops at once, and so does one whose {@code viewer} starts another.
 */
final class SearchEndpoint implements HttpHandler {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final long DEFAULT_BUDGET_MILLIS = 250;
    static final long MAX_BUDGET_MILLIS = 2000;

    private final LineRanges ranges;
    private final Searches running;

    SearchEndpoint(LineRanges ranges, Searches running) {
        this.ranges = ranges;
        this.running = running;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        Finder finder;
        boolean regex;
        long from;
        long to;
        int limit;
        long millis;
        String viewer;
        String stream;
        boolean first;
        try {
            first = flag(ex, "first");
            regex = flag(ex, "regex");
            boolean caseSensitive = flag(ex, "case");
            stream = Positions.param(ex, "stream");
            if (stream != null && !org.ssewatch.share.Event.isValidType(stream)) {
                throw new Positions.BadRequest("stream must be an event type, such as stderr");
            }
            String q = Positions.param(ex, "q");
            // With a stream and no q, every line of the stream is a hit: the page's "next stderr line".
            finder = q == null && stream != null ? Finder.EVERY_LINE : Finder.of(q, regex, caseSensitive);
            from = Positions.number(ex, "from", 1, 1, Positions.MAX_ID);
            to = Positions.number(ex, "to", Positions.MAX_ID, 1, Positions.MAX_ID);
            limit = (int) Positions.number(ex, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
            millis = Positions.number(ex, "budget", DEFAULT_BUDGET_MILLIS, 1, MAX_BUDGET_MILLIS);
            viewer = Positions.param(ex, "viewer");
            if (viewer != null && (viewer.isEmpty() || viewer.length() > 64)) {
                throw new Positions.BadRequest("viewer must be 1 to 64 characters");
            }
        } catch (Positions.BadRequest | Finder.BadQuery e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        Budget budget = new Budget(millis);
        if (!running.begin(viewer, budget)) {
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            Responses.text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Too many searches at once: try again in a moment.");
            return;
        }
        Search search = new Search(finder, regex, limit, budget, stream);
        search.stopWhenListed = first;
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> {
            HangUpWatch.start(ex, () -> {
                budget.cancelled.set(true);
                IoUtils.safeClose(ex.getConnection());
            });
            try {
                ex.getConnection().getWorker().execute(() -> {
                    try {
                        search.run(ranges, from, to);
                    } finally {
                        running.end(viewer, budget);
                    }
                    ex.getIoThread().execute(() -> answer(ex, search, budget));
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.end(viewer, budget); // the server is stopping
                IoUtils.safeClose(ex.getConnection());
            }
        });
    }

    private static boolean flag(HttpServerExchange ex, String name) throws Positions.BadRequest {
        String v = Positions.param(ex, name);
        if (v == null || v.equals("0") || v.equals("false")) {
            return false;
        }
        if (v.isEmpty() || v.equals("1") || v.equals("true")) {
            return true;
        }
        throw new Positions.BadRequest(name + " must be 1 or 0");
    }

    private void answer(HttpServerExchange ex, Search s, Budget budget) {
        if (!ex.getConnection().isOpen()) {
            return; // hung up: the search stopped for that
        }
        HangUpWatch.stop(ex);
        ByteBuffer body;
        try {
            body = json(s, budget);
        } catch (IOException e) {
            IoUtils.safeClose(ex.getConnection());
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(body);
    }

    private ByteBuffer json(Search s, Budget budget) throws IOException {
        LineJson json = new LineJson();
        json.w.name("total").value(s.total);
        json.w.name("lastId").value(s.lastId);
        json.w.name("searchedTo").value(s.searchedTo);
        json.w.name("count").value(s.count);
        json.w.name("matches").value(s.matches);
        json.w.name("hits").beginArray();
        for (Search.Hit h : s.hits) {
            json.line(h.line());
            json.w.name("at").beginArray();
            for (int a : h.at()) {
                json.w.value(a);
            }
            json.w.endArray();
            json.w.endObject();
        }
        json.w.endArray();
        json.gaps(s.gaps);
        if (s.moreFrom != 0) {
            json.w.name("more").value(s.moreFrom);
        }
        if (s.searchedTo < s.total) {
            json.w.name("continue").value(s.searchedTo + 1);
        }
        if (budget.cancelled.get()) {
            json.w.name("superseded").value(true);
        }
        return json.finish();
    }
}
