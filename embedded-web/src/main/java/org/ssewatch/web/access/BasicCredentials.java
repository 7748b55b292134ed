package org.ssewatch.web.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password an {@code Authorization: Basic} header carries (RFC 7617), decoded
 * as UTF-8, as the challenges announce. {@link #toString()} never shows the password.
 */
record BasicCredentials(String user, String password) {
    private static final String PREFIX = "basic ";
    /** Longer than any credentials worth decoding; bounds the work an attacker can cause. */
    private static final int MAX_HEADER = 4096;

    /** The credentials in {@code header}, or empty when it is absent, too long or not Basic. */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER || header.length() < PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=***]";
    }
}
