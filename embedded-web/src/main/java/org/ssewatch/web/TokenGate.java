package org.ssewatch.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets through only requests whose first path segment is the token, compared in constant time;
 * everything else is 404, so the server does not even reveal what it is.
 */
final class TokenGate implements HttpHandler {
    private final byte[] token;
    private final HttpHandler next;

    TokenGate(String token, HttpHandler next) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        int end = path.indexOf('/', 1);
        String first = path.length() > 1 ? path.substring(1, end < 0 ? path.length() : end) : "";
        if (!MessageDigest.isEqual(first.getBytes(StandardCharsets.UTF_8), token)) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
            return;
        }
        ex.setRelativePath(end < 0 ? "" : path.substring(end));
        next.handleRequest(ex);
    }
}
