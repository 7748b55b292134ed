package org.ssewatch.web.access;

import io.undertow.server.HttpHandler;
import org.ssewatch.web.BasicAuth;

/**
 * What a request passes before it reaches the run, outermost first: security headers go on
 * everything, then the token (a wrong one is 404, as if nothing were here), then the password
 * (401). In this order a stranger learns nothing, not even that a password would be asked for.
 */
public final class Gates {
    private Gates() {
    }

    /** {@code run} behind the token and the password, each only if not null. */
    public static HttpHandler around(HttpHandler run, String token, BasicAuth auth) {
        HttpHandler root = run;
        if (auth != null) {
            root = new BasicAuthGate(auth, root);
        }
        if (token != null) {
            root = new TokenGate(token, root);
        }
        return new SecurityHeaders(root);
    }
}
