package org.ssewatch.web.stream;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import org.ssewatch.web.access.Responses;

/**
 * {@code GET log.txt?follow=1}: the handshake of a followed log; {@link LogFollower} does the rest.
 * A follower is a viewer like a stream: it counts towards {@code --max-viewers}.
 */
final class FollowEndpoint implements HttpHandler {
    private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

    private final Viewers viewers;

    FollowEndpoint(Viewers viewers) {
        this.viewers = viewers;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        boolean keepAnsi = "keep".equals(Positions.param(ex, "ansi"));
        ex.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-cache, no-transform")
                .put(X_ACCEL_BUFFERING, "no");
        if (ex.getRequestMethod().equals(Methods.HEAD)) {
            return;
        }
        if (!viewers.admit()) {
            ex.getResponseHeaders().remove(X_ACCEL_BUFFERING);
            Responses.tooManyViewers(ex);
            return;
        }
        LogFollower f = new LogFollower(ex, viewers, keepAnsi);
        ex.dispatch(SameThreadExecutor.INSTANCE, f::start);
    }
}
