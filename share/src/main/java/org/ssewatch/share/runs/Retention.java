package org.ssewatch.share.runs;

import java.time.Duration;
import java.util.Optional;

/**
 * Which finished runs the hub keeps ({@code --keep}, {@code --keep-runs}, {@code --max-disk});
 * running runs are never removed.
 *
 * @param keep     finished runs that started longer ago than this are removed; empty for no limit
 * @param keepRuns at most this many finished runs are kept, the newest; 0 for no limit
 * @param maxDisk  the bytes all run directories may hold: past it the oldest finished runs are
 *                 removed, and while only running runs are left new starts are refused; 0 for no limit
 */
public record Retention(Optional<Duration> keep, int keepRuns, long maxDisk) {
    public static final Retention FOREVER = new Retention(Optional.empty(), 0, 0);

    public Retention {
        if (keep.isPresent() && (keep.get().isZero() || keep.get().isNegative())) {
            throw new IllegalArgumentException("--keep must be more than zero");
        }
        if (keepRuns < 0) {
            throw new IllegalArgumentException("--keep-runs must not be negative");
        }
        if (maxDisk < 0) {
            throw new IllegalArgumentException("--max-disk must not be negative");
        }
    }
}
