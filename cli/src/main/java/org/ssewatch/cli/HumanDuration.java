package org.ssewatch.cli;

import java.time.Duration;
import java.util.Locale;
import org.ssewatch.share.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line: 500ms, 5s, 10m, 1h, 1h30m, or a plain number of seconds.
 * {@code forever} (where allowed) is {@link #FOREVER}.
 */
final class HumanDuration implements ITypeConverter<Duration> {
    /** Longer than anything runs; stands for "until Ctrl-C". */
    static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("forever") || v.equals("inf") || v.equals("infinity")) {
            return FOREVER;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 10m, 1h, forever)");
        }
    }
}
