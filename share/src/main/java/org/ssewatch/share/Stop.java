package org.ssewatch.share;

/**
 * Why the hub ended a run before the command did (docs/RUN-FORMAT.md, {@code stoppedBy}).
 *
 * @param reason   {@value #CANCELLED}, {@value #TIMEOUT} or {@value #SHUTDOWN}
 * @param operator who cancelled it, or null
 */
public record Stop(String reason, String operator) {
    public static final String CANCELLED = "cancelled";
    public static final String TIMEOUT = "timeout";
    public static final String SHUTDOWN = "shutdown";

    public Stop {
        if (!CANCELLED.equals(reason) && !TIMEOUT.equals(reason) && !SHUTDOWN.equals(reason)) {
            throw new IllegalArgumentException("no such stop reason: " + reason);
        }
    }
}
