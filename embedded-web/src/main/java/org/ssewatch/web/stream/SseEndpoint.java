package org.ssewatch.web.stream;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.access.Responses;

/** {@code GET events}: the handshake and headers of an event stream; {@link SseConnection} does the rest. */
final class SseEndpoint implements HttpHandler {
    /** Tells nginx not to buffer this response, so events are not held back. */
    private static final io.undertow.util.HttpString X_ACCEL_BUFFERING = new io.undertow.util.HttpString("X-Accel-Buffering");

    private final Viewers viewers;
    private final StreamOptions options;
    private final byte[] preamble;

    SseEndpoint(Viewers viewers, StreamOptions options) {
        this.viewers = viewers;
        this.options = options;
        this.preamble = SseFrames.retry(options.retry().toMillis());
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        long after;
        try {
            after = Positions.streamStart(ex);
        } catch (Positions.BadRequest e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        if (viewers.journal().isComplete() && after >= viewers.journal().lastId()) {
            ex.setStatusCode(StatusCodes.NO_CONTENT); // the run is over and this viewer has seen it all
            return;
        }
        ex.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/event-stream")
                .put(Headers.CACHE_CONTROL, "no-cache, no-transform")
                .put(X_ACCEL_BUFFERING, "no");
        if (ex.getRequestMethod().equals(Methods.HEAD)) {
            return;
        }
        if (!viewers.admit()) {
            ex.getResponseHeaders().remove(X_ACCEL_BUFFERING); // the rest are overwritten
            Responses.tooManyViewers(ex);
            return;
        }
        SseConnection c = new SseConnection(ex, viewers, after, options.heartbeat().toNanos());
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> c.start(preamble));
    }
}
