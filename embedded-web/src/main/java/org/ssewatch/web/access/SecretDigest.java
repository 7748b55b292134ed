package org.ssewatch.web.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Secrets (the token, the user name, the password) as they are compared: SHA-256 digests, with
 * {@link MessageDigest#isEqual}, so the time taken depends on neither their content nor their
 * length.
 */
final class SecretDigest {
    private SecretDigest() {
    }

    /** SHA-256 of {@code secret} in UTF-8. */
    static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
