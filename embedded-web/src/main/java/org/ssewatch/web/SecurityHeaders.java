package org.ssewatch.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Headers on every response, errors included. The page runs only its own scripts and styles from
 * its own origin; output is inserted as text, and this policy stops anything that slipped through.
 * No referrer is sent, so the secret token in the URL does not leak to links in the output.
 */
final class SecurityHeaders implements HttpHandler {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    private static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString CROSS_ORIGIN_RESOURCE_POLICY = new HttpString("Cross-Origin-Resource-Policy");

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ex.getResponseHeaders()
                .put(CONTENT_SECURITY_POLICY, CSP)
                .put(CONTENT_TYPE_OPTIONS, "nosniff")
                .put(REFERRER_POLICY, "no-referrer")
                .put(FRAME_OPTIONS, "DENY")
                .put(CROSS_ORIGIN_RESOURCE_POLICY, "same-origin");
        next.handleRequest(ex);
    }
}
