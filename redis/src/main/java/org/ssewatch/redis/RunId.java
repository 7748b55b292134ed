package org.ssewatch.redis;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A run's name in Redis: its start time in UTC and six random letters, {@code 20261202-011409-k3xq7b},
 * so that names sort by start and two runs started in the same second on many machines do not
 * collide (30 bits of randomness).
 */
public final class RunId {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final char[] LETTERS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    public static String generate(Instant start) {
        StringBuilder id = new StringBuilder(TIME.format(start)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(LETTERS[RANDOM.nextInt(LETTERS.length)]);
        }
        return id.toString();
    }

    /** {@code id} if it is 1 to 64 of a-z A-Z 0-9 _ . -, which keeps keys and URLs plain. */
    public static String checked(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || !id.chars().allMatch(RunId::plain)) {
            throw new IllegalArgumentException("a run id is 1 to 64 of a-z A-Z 0-9 _ . -: " + id);
        }
        return id;
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }
}
