package org.ssewatch.share.runs;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A hub run's id and directory name: its start in UTC to the millisecond and four random letters,
 * {@code 20261202-011409-123-k3xq}, so that ids sort by start (the store lists them in that order)
 * and need no escaping in a URL.
 */
final class RunIds {
    static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]{3}-[a-z2-9]{4}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final char[] LETTERS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    String next(Instant start) {
        StringBuilder id = new StringBuilder(TIME.format(start)).append('-');
        for (int i = 0; i < 4; i++) {
            id.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return id.toString();
    }

    static boolean isId(String name) {
        return ID.matcher(name).matches();
    }
}
