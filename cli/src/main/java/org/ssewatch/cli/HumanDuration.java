package org.ssewatch.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line: 500ms, 5s, 10m, 1h, 1h30m, or a plain number of seconds.
 * {@code forever} (where allowed) is {@link #FOREVER}.
 */
final class HumanDuration implements ITypeConverter<Duration> {
    /** Longer than anything runs; stands for "until Ctrl-C". */
    static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("forever") || v.equals("inf") || v.equals("infinity")) {
            return FOREVER;
        }
        if (v.matches("\\d+")) {
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
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 10m, 1h, forever)");
        }
        return total;
    }
}
