package org.ssewatch.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/** The plain-text error answers every endpoint shares. */
final class Responses {
    private Responses() {
    }

    static void text(HttpServerExchange ex, int status, String message) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(message + "\n");
    }

    static void tooManyViewers(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
        text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Too many viewers: this run is watched by as many as it allows.");
    }
}
