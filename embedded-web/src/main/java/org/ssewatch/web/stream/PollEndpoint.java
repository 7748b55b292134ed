package org.ssewatch.web.stream;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.access.Responses;

/** {@code GET poll?after=N&max=M&wait=S}: long-polling with the same ids, types and payloads. */
final class PollEndpoint implements HttpHandler {
    private final Viewers viewers;
    private final long holdMillis;

    PollEndpoint(Viewers viewers, StreamOptions options) {
        this.viewers = viewers;
        this.holdMillis = options.pollHold().toMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        long after;
        int max;
        long hold;
        try {
            after = Positions.number(ex, "after", 0, 0, Positions.MAX_ID);
            max = (int) Positions.number(ex, "max", PollViewer.MAX_EVENTS, 1, PollViewer.MAX_EVENTS);
            long maxWait = holdMillis / 1000;
            hold = Positions.number(ex, "wait", maxWait, 0, maxWait) * 1000;
        } catch (Positions.BadRequest e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        if (!viewers.admit()) {
            Responses.tooManyViewers(ex);
            return;
        }
        PollViewer p = new PollViewer(ex, viewers, after, max, Math.min(hold, holdMillis));
        ex.dispatch(SameThreadExecutor.INSTANCE, p::start);
    }
}
