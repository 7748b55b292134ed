package org.ssewatch.share;

import java.util.List;

/**
 * Lines {@code from} to {@code to} of a run, each as its newest version, in line order: every
 * number in between is either in {@code lines} or inside one of {@code gaps} (lines whose events
 * the journal no longer keeps). {@code total} is the run's line count and {@code lastId} its
 * newest event id when the range was read.
 */
public record LineRange(long from, long to, List<LineEvent> lines, List<Gap> gaps, long total, long lastId) {
    /** Lines {@code from} to {@code to}, not retained. */
    public record Gap(long from, long to) {
    }

    /** Whether the range holds no line at all (it starts past the run's last line). */
    public boolean isEmpty() {
        return to < from;
    }
}
