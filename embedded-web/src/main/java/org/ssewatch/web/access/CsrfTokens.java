package org.ssewatch.web.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to an operator, as OWASP's "HMAC based token" pattern makes them: a random
 * value and an HMAC-SHA256 of the operator's name and that value, under a secret made when the
 * server starts and kept nowhere else. So the server keeps no list of tokens, a token of one
 * operator is worth nothing to another, and a restart voids every token (the page reloads it).
 * Basic auth has no session to bind to; the per-server secret stands in for one.
 */
public final class CsrfTokens {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final int NONCE = 16;
    private static final int MAC = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** A new token for {@code operator}: URL-safe, so it fits a header, a form field or a meta tag as it is. */
    public String issue(String operator) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        return ENCODE.encodeToString(nonce) + "." + ENCODE.encodeToString(mac(operator, nonce));
    }

    /** Whether {@code token} was issued by this server for {@code operator}; in constant time for a well-formed token. */
    public boolean valid(String operator, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0 || token.length() > 200) {
            return false;
        }
        try {
            byte[] nonce = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return nonce.length == NONCE && given.length == MAC && MessageDigest.isEqual(mac(operator, nonce), given);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] mac(String operator, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("ssewatch-csrf:".getBytes(StandardCharsets.UTF_8));
            mac.update(nonce);
            return mac.doFinal(operator.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
