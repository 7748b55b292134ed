package org.ssewatch.share.runs;

import org.ssewatch.share.ExitReason;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Stop;

/** Where a hub run stands, as the hub lists it (docs/PROTOCOL.md, hub). */
public enum RunState {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    TIMED_OUT("timed-out"),
    /** The server stopped while it ran: ended by the server's shutdown, or found without an end after a crash. */
    INTERRUPTED("interrupted");

    private final String wireName;

    RunState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The state of a run that ended with {@code exit} (null: it has not), ended early for {@code stop} (or null);
     * {@code live}: its server is still there to end it. Public for a relay, which lists a hub's run from Redis
     * by the same rule as the hub.
     */
    public static RunState of(ExitStatus exit, Stop stop, boolean live) {
        if (exit == null) {
            return live ? RUNNING : INTERRUPTED;
        }
        if (stop != null) {
            return switch (stop.reason()) {
                case Stop.CANCELLED -> CANCELLED;
                case Stop.TIMEOUT -> TIMED_OUT;
                default -> INTERRUPTED;
            };
        }
        if (exit.kind() == ExitReason.INTERRUPTED) {
            return INTERRUPTED;
        }
        return exit.status() == 0 ? SUCCEEDED : FAILED;
    }
}
