package org.ssewatch.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/** {@code GET poll?after=N&max=M&wait=S}: long-polling with the same ids, types and payloads. */
final class PollEndpoint implements HttpHandler {
    private final Viewers viewers;
    private final long holdMillis;

    PollEndpoint(Viewers viewers, StreamOptions options) {
        this.viewers = viewers;
        this.holdMillis = options.pollHold().toMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Positions.BadRequest {
        long after = Positions.number(ex, "after", 0, 0, Positions.MAX_ID);
        int max = (int) Positions.number(ex, "max", PollViewer.MAX_EVENTS, 1, PollViewer.MAX_EVENTS);
        long maxWait = holdMillis / 1000;
        long hold = Positions.number(ex, "wait", maxWait, 0, maxWait) * 1000;
        if (!viewers.admit()) {
            Responses.tooManyViewers(ex);
            return;
        }
        PollViewer p = new PollViewer(ex, viewers, after, max, Math.min(hold, holdMillis));
        ex.dispatch(SameThreadExecutor.INSTANCE, p::start);
    }
}
