package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.MarkIndex;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.stream.Positions;

/**
 * {@code GET marks?before=ID[&after=ID][&limit=N]}: the events that are not lines (groups,
 * annotations, progress, status, custom types, start, exit) with ids between {@code after} and
 * {@code before}, in id order, each with its payload exactly as the stream sends it. A page that
 * opens at the tail of a long run learns from this what the lines before its window hold without
 * reading them. Marks no longer retained come as the {@code gap} event the stream would give.
 * At most {@code limit} (up to {@value #MAX_EVENTS}) events and about {@value #MAX_BYTES} bytes
 * of payload per answer; {@code next} is the {@code after} to go on with.
 */
final class MarksEndpoint implements HttpHandler {
    static final int MAX_EVENTS = 1000;
    static final int MAX_BYTES = 1 << 20;

    private final ReadableJournal journal;
    private final MarkIndex marks;

    MarksEndpoint(ReadableJournal journal, MarkIndex marks) {
        this.journal = journal;
        this.marks = marks;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws IOException {
        if (ex.isInIoThread()) {
            ex.dispatch(this); // the spill file is read with blocking I/O
            return;
        }
        long after;
        long before;
        int limit;
        try {
            after = Positions.number(ex, "after", 0, 0, Positions.MAX_ID);
            before = Positions.number(ex, "before", Positions.MAX_ID, 1, Positions.MAX_ID);
            limit = (int) Positions.number(ex, "limit", MAX_EVENTS, 1, MAX_EVENTS);
            if (before <= after) {
                throw new Positions.BadRequest("before must be greater than after");
            }
        } catch (Positions.BadRequest e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        LineJson json = new LineJson();
        json.w.name("lastId").value(journal.lastId());
        json.w.name("events").beginArray();
        long cursor = after;
        int given = 0;
        long bytes = 0;
        while (given < limit && bytes < MAX_BYTES) {
            long id = next(cursor, before);
            if (id == 0) {
                break;
            }
            Event[] got = new Event[1];
            journal.read(id - 1, 1, Long.MAX_VALUE, e -> got[0] = e);
            if (got[0] == null) {
                break; // cannot happen: a mark is noted after its event is journaled
            }
            Event e = got[0];
            json.w.beginObject().name("id").value(e.id()).name("type").value(e.type());
            json.w.name("data").jsonValue(e.payloadJson()).endObject();
            // A gap stands for every mark up to its last id; the marks after it come next.
            cursor = EventTypes.GAP.equals(e.type()) ? e.id() : id;
            given++;
            bytes += e.payload().length;
        }
        json.w.endArray();
        if (next(cursor, before) != 0) {
            json.w.name("next").value(cursor);
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(json.finish());
    }

    /** The first mark after {@code after} and before {@code before}, or 0 if none is. */
    private long next(long after, long before) {
        long[] id = {0};
        marks.between(after, before, 1, i -> id[0] = i);
        return id[0];
    }
}
