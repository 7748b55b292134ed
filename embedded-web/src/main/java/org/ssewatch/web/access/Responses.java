package org.ssewatch.web.access;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The plain-text answers to a request that is refused, whichever part of the server refuses it:
 * a wrong token, a missing password, too many viewers, an id out of range, a path or method that
 * is not served. No cache may keep one: a refusal says nothing about the next request.
 */
public final class Responses {
    private Responses() {
    }

    public static void text(HttpServerExchange ex, int status, String message) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(message + "\n");
    }

    /** 401 with the challenge that makes a browser ask for an operator's name and password. */
    public static void operatorLogin(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, BasicAuthGate.CHALLENGE);
        text(ex, StatusCodes.UNAUTHORIZED, "Log in as an operator to start or cancel runs.");
    }

    public static void tooManyViewers(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
        text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Too many viewers: this run is watched by as many as it allows.");
    }
}
