package org.ssewatch.web.hub;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** A JSON answer of the hub; like every answer it is not to be cached, since runs change. */
final class JsonAnswer {
    private JsonAnswer() {
    }

    static void send(HttpServerExchange ex, int status, String json) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(json);
    }
}
