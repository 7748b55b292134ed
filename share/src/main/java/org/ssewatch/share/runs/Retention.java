package org.ssewatch.share.runs;

import java.time.Duration;
import java.util.Optional;

/**
 * How many finished runs the hub keeps ({@code --keep}, {@code --keep-runs}); running runs are
 * never removed.
 *
 * @param keep     finished runs that started longer ago than this are removed; empty for no limit
 * @param keepRuns at most this many finished runs are kept, the newest; 0 for no limit
 */
public record Retention(Optional<Duration> keep, int keepRuns) {
    public static final Retention FOREVER = new Retention(Optional.empty(), 0);

    public Retention {
        if (keep.isPresent() && (keep.get().isZero() || keep.get().isNegative())) {
            throw new IllegalArgumentException("--keep must be more than zero");
        }
        if (keepRuns < 0) {
            throw new IllegalArgumentException("--keep-runs must not be negative");
        }
    }
}
