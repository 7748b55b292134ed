package org.ssewatch.web.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials that passed bcrypt lately, so that a page's many requests (the stream, polls,
 * assets, each Cancel) do not each pay for a bcrypt verification. Keyed by an HMAC of user and
 * password under a key made at start, so neither is kept in memory as such; bounded, the least
 * recently used forgotten first; and each entry belongs to one version of the file, so a change
 * to the file (a password changed, a user removed) is in force at the next request.
 */
final class VerifiedCredentials {
    static final int CAPACITY = 256;

    private record Entry(String user, long generation) {
    }

    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    VerifiedCredentials() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** The user these credentials were verified as, in the file's version {@code generation}, or null. */
    synchronized String lookUp(BasicCredentials c, long generation) {
        Entry e = entries.get(keyOf(c));
        return e != null && e.generation() == generation ? e.user() : null;
    }

    synchronized void remember(BasicCredentials c, long generation) {
        entries.put(keyOf(c), new Entry(c.user(), generation));
    }

    synchronized int size() {
        return entries.size();
    }

    private String keyOf(BasicCredentials c) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(c.user().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) ':'); // a Basic user name has no colon, so USER:PASSWORD is unambiguous
            return Base64.getEncoder().encodeToString(mac.doFinal(c.password().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
