package org.ssewatch.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The answer to a base URL asked for without its slash: relative links on the page need the
 * slash. The redirect is relative to the request (its last segment plus a slash), so it also works
 * behind a reverse proxy that serves us under a path of its own.
 */
public final class SlashRedirect {
    private SlashRedirect() {
    }

    public static void send(HttpServerExchange ex) {
        String q = ex.getQueryString();
        String requested = ex.getRequestPath();
        String last = requested.substring(requested.lastIndexOf('/') + 1);
        ex.getResponseHeaders().put(Headers.LOCATION, (last.isEmpty() ? "." : last) + "/" + (q.isEmpty() ? "" : "?" + q));
        ex.setStatusCode(StatusCodes.FOUND);
    }
}
