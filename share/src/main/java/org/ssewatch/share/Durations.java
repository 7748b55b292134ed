package org.ssewatch.share;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, on the command line and in the jobs file: 500ms, 5s, 10m, 1h,
 * 1h30m, 2d, or a plain number of seconds. One grammar for both, so {@code --linger 10m} and
 * {@code timeout: 10m} mean the same.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses {@code value}; throws {@link IllegalArgumentException} with a one-line reason. */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.matches("\\d{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        if (at == 0 || at != v.length()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (examples: 500ms, 5s, 10m, 1h30m)");
        }
        return total;
    }
}
