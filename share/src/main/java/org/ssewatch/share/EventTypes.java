package org.ssewatch.share;

/** The event types ssewatch itself writes. Embedders may journal types of their own. */
public final class EventTypes {
    public static final String START = "start";
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String STDIN = "stdin";
    public static final String EXIT = "exit";
    /** Synthesised for a reader whose position is no longer retained; never stored. */
    public static final String GAP = "gap";

    private EventTypes() {
    }

    /** Whether the type carries a line payload. */
    public static boolean isLine(String type) {
        return STDOUT.equals(type) || STDERR.equals(type) || STDIN.equals(type);
    }
}
