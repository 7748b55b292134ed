package org.ssewatch.share;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines {@code from} to {@code to} of a run, each as the event of its newest version, in line
 * order: every number in between is either a line of {@code events} or inside one of
 * {@code gaps} (lines whose events the journal no longer keeps). {@code total} is the run's line
 * count and {@code lastId} its newest event id when the range was read.
 */
public record LineRange(long from, long to, List<Event> events, List<Gap> gaps, long total, long lastId) {
    /** Lines {@code from} to {@code to}, not retained. */
    public record Gap(long from, long to) {
    }

    /** The lines, read from their events (each time this is called). */
    public List<LineEvent> lines() {
        List<LineEvent> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(LineEvent.of(e));
        }
        return out;
    }

    /** Whether the range holds no line at all (it starts past the run's last line). */
    public boolean isEmpty() {
        return to < from;
    }
}
