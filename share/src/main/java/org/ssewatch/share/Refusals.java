package org.ssewatch.share;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Says why an event from the command was refused: an {@code annotation} of level {@code error}
 * in the journal for each, so that viewers see it, and a line on ssewatch's standard error for the
 * first {@value #SAID} only, then one count at the end, so that a loop writing bad events cannot
 * flood the terminal. Used by the one thread that reads the events.
 */
final class Refusals {
    static final int SAID = 5;
    private static final String TITLE = "SSEWATCH_EVENTS";

    private final Recorder recorder;
    private final Consumer<String> notices;
    private final MarkupPayload payload = new MarkupPayload();
    private long count;

    Refusals(Recorder recorder, Consumer<String> notices) {
        this.recorder = recorder;
        this.notices = notices;
    }

    void refuse(String reason) {
        count++;
        if (count <= SAID) {
            notices.accept("refused an event from the command: " + reason);
        }
        String message = "ssewatch refused an event: " + reason;
        long time = System.currentTimeMillis();
        recorder.placed(EventTypes.ANNOTATION, at -> payload.annotation("error", message, Map.of("title", TITLE), at, time));
    }

    /** The count of those not said, once the run is over. */
    void summary() {
        if (count > SAID) {
            notices.accept("refused " + (count - SAID) + " more events from the command (" + count + " in all; "
                    + "each is an error annotation on the page)");
        }
    }
}
