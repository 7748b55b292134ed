package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LineRange;
import org.ssewatch.share.LineRanges;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.stream.Positions;

/**
 * {@code GET lines?from=L&to=M} (or {@code ?tail=N}): lines of the run by number, each as it
 * stands last, with the lines not retained named as gaps, and the run's line count and last id
 * so that a page can size its scroll bar. At most {@value #MAX_LINES} lines and about
 * {@value #MAX_BYTES} bytes of line payloads per answer; {@code next} says where to go on.
 */
final class RangeEndpoint implements HttpHandler {
    static final int MAX_LINES = 2000;
    static final int MAX_BYTES = 1 << 20;

    private final LineRanges ranges;

    RangeEndpoint(LineRanges ranges) {
        this.ranges = ranges;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws IOException {
        if (ex.isInIoThread()) {
            ex.dispatch(this); // the spill file is read with blocking I/O
            return;
        }
        long from;
        long to;
        try {
            long tail = Positions.number(ex, "tail", 0, 1, MAX_LINES);
            if (tail > 0 && (Positions.param(ex, "from") != null || Positions.param(ex, "to") != null)) {
                throw new Positions.BadRequest("tail cannot be given with from or to");
            }
            long total = ranges.lines();
            from = tail > 0 ? Math.max(1, total - tail + 1) : Positions.number(ex, "from", 1, 1, Positions.MAX_ID);
            to = tail > 0 ? Math.max(from + tail - 1, 1) : Positions.number(ex, "to", from + MAX_LINES - 1, 1, Positions.MAX_ID);
            if (to < from) {
                throw new Positions.BadRequest("to must not be less than from");
            }
        } catch (Positions.BadRequest e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        long asked = to;
        boolean done = ranges.journal().isComplete(); // first: then no line can follow those read
        LineRange r = ranges.read(from, Math.min(to, from + MAX_LINES - 1), MAX_BYTES);
        LineJson json = new LineJson();
        json.w.name("from").value(r.from());
        json.w.name("to").value(r.to());
        json.w.name("total").value(r.total());
        json.w.name("lastId").value(r.lastId());
        json.w.name("done").value(done);
        json.w.name("lines").beginArray();
        for (LineEvent l : r.lines()) {
            json.line(l);
            json.w.endObject();
        }
        json.w.endArray();
        json.gaps(r.gaps());
        if (r.to() < Math.min(asked, r.total())) {
            json.w.name("next").value(r.to() + 1);
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(json.finish());
    }
}
