package org.ssewatch.web.access;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.security.MessageDigest;
import org.ssewatch.web.Tokens;

/**
 * Lets through only requests whose first path segment is the token; everything else is 404, the
 * same answer as for a path that does not exist, so the server does not even reveal what it is.
 * The segment is compared as a SHA-256 digest in constant time, so response times tell nothing
 * about how much of a guess was right, nor how long the token is.
 */
final class TokenGate implements HttpHandler {
    private final byte[] tokenDigest;
    private final HttpHandler next;

    TokenGate(String token, HttpHandler next) {
        if (!Tokens.isWellFormed(token)) {
            throw new IllegalArgumentException("malformed token");
        }
        this.tokenDigest = SecretDigest.of(token);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        int end = path.indexOf('/', 1);
        String first = path.length() > 1 ? path.substring(1, end < 0 ? path.length() : end) : "";
        if (!MessageDigest.isEqual(SecretDigest.of(first), tokenDigest)) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
            return;
        }
        ex.setRelativePath(end < 0 ? "" : path.substring(end));
        next.handleRequest(ex);
    }
}
