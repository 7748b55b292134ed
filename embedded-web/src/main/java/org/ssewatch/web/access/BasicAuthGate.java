package org.ssewatch.web.access;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.security.MessageDigest;
import org.ssewatch.web.BasicAuth;

/**
 * Lets through only requests with the right HTTP Basic credentials; others get 401 with a
 * {@code WWW-Authenticate} challenge, so browsers ask once and then send the credentials with
 * every same-origin request (EventSource and fetch included). User name and password are both
 * compared, always both, as SHA-256 digests in constant time. Credentials are decoded as UTF-8,
 * as the challenge announces (RFC 7617).
 */
final class BasicAuthGate implements HttpHandler {
    static final String CHALLENGE = "Basic realm=\"" + BasicAuth.REALM + "\", charset=\"UTF-8\"";

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final HttpHandler next;

    BasicAuthGate(BasicAuth auth, HttpHandler next) {
        this.userDigest = SecretDigest.of(auth.user());
        this.passwordDigest = SecretDigest.of(auth.password());
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (!authorized(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, CHALLENGE);
            Responses.text(ex, StatusCodes.UNAUTHORIZED, "Log in to watch this run.");
            return;
        }
        next.handleRequest(ex);
    }

    boolean authorized(String header) {
        return BasicCredentials.parse(header).map(c -> {
            boolean user = MessageDigest.isEqual(SecretDigest.of(c.user()), userDigest);
            boolean password = MessageDigest.isEqual(SecretDigest.of(c.password()), passwordDigest);
            return user & password;
        }).orElse(false);
    }
}
