package org.ssewatch.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Access tokens: the secret first path segment of every URL ssewatch serves. A generated token is
 * 144 random bits from {@link SecureRandom}, written as 24 characters of URL-safe base64 (no
 * padding), so it survives copy and paste, chat clients and URL parsers unchanged.
 */
public final class Tokens {
    /** How many random bytes a generated token carries: 144 bits, over the 128 that make guessing hopeless. */
    public static final int RANDOM_BYTES = 18;
    /**
     * The shortest token as hard to guess as a generated one (22 base64 characters hold 132 bits);
     * ssewatch's {@code --token} refuses shorter ones.
     */
    public static final int RECOMMENDED_LENGTH = 22;
    /** What {@link #isStrong} accepts, in words, for help texts and error messages to say alike. */
    public static final String RULE = RECOMMENDED_LENGTH + " to 128 characters of A-Z a-z 0-9 - _ . ~";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new unguessable token. */
    public static String generate() {
        byte[] b = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Whether {@code token} can be a path segment as it is: 1 to 128 of the URL-unreserved
     * characters {@code A-Z a-z 0-9 . _ ~ -}, and not {@code .} or {@code ..}.
     */
    public static boolean isWellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches() && !token.equals(".") && !token.equals("..");
    }

    /** Whether {@code token} is well-formed and at least as long as {@link #RECOMMENDED_LENGTH}: {@link #RULE}. */
    public static boolean isStrong(String token) {
        return isWellFormed(token) && token.length() >= RECOMMENDED_LENGTH;
    }
}
