package org.ssewatch.web.access;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Headers on every response, errors included. The page runs only its own scripts and styles from
 * its own origin, with no inline script; output is inserted as text, and this policy stops
 * anything that slipped through. No referrer is sent, so the secret token in the URL does not leak
 * to links in the output. No page may frame ours (clickjacking).
 *
 * <p>The headers are put on the response when it is committed, whichever handler answered and
 * however (a 503 that replaced other headers, a 500 after an exception, HTTP/1.1 or HTTP/2), and
 * any {@code Server} header is removed. Responses Undertow writes before any handler runs (400 for
 * a request it cannot parse, 431 for headers too large) have no body, so no policy is needed there.
 * There is no HSTS: with a self-signed certificate it would lock viewers out of the host.
 *
 * <p>Cross-Origin-Opener-Policy goes only where browsers apply it, to a potentially trustworthy
 * origin: https (here, or at a proxy that says so), or a loopback host. On plain http to a LAN name
 * or address, as the URL ssewatch prints is, they ignore it and log an error on every load.
 */
final class SecurityHeaders implements HttpHandler {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    static final HttpString CROSS_ORIGIN_RESOURCE_POLICY = new HttpString("Cross-Origin-Resource-Policy");
    static final HttpString CROSS_ORIGIN_OPENER_POLICY = new HttpString("Cross-Origin-Opener-Policy");

    static final HttpString X_FORWARDED_PROTO = new HttpString("X-Forwarded-Proto");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private static final ResponseCommitListener ADD = SecurityHeaders::add;

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        add(ex);
        ex.addResponseCommitListener(ADD);
        next.handleRequest(ex);
    }

    private static void add(HttpServerExchange ex) {
        HeaderMap h = ex.getResponseHeaders();
        h.put(CONTENT_SECURITY_POLICY, CSP)
                .put(CONTENT_TYPE_OPTIONS, "nosniff")
                .put(REFERRER_POLICY, "no-referrer")
                .put(FRAME_OPTIONS, "DENY")
                .put(CROSS_ORIGIN_RESOURCE_POLICY, "same-origin")
                .remove(Headers.SERVER);
        if (trustworthy(ex)) {
            h.put(CROSS_ORIGIN_OPENER_POLICY, "same-origin");
        } else {
            h.remove(CROSS_ORIGIN_OPENER_POLICY);
        }
    }

    /** Whether the browser sees the page's origin as potentially trustworthy (W3C Secure Contexts). */
    static boolean trustworthy(HttpServerExchange ex) {
        if ("https".equalsIgnoreCase(ex.getRequestScheme())
                || "https".equalsIgnoreCase(ex.getRequestHeaders().getFirst(X_FORWARDED_PROTO))) {
            return true;
        }
        String host = ex.getHostName().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1") || host.equals("[::1]")
                || LOOPBACK_V4.matcher(host).matches();
    }
}
