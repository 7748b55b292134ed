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
    /** A group of lines (GitHub's {@code ::group::}, GitLab's sections) starts or ends. */
    public static final String GROUP = "group";
    /** An error, warning, notice or debug message a workflow command gave. */
    public static final String ANNOTATION = "annotation";

    private EventTypes() {
    }

    /** Whether ssewatch writes (or synthesises) the type itself, so that an embedder may not. */
    public static boolean isReserved(String type) {
        return isLine(type) || START.equals(type) || EXIT.equals(type) || GAP.equals(type)
                || GROUP.equals(type) || ANNOTATION.equals(type);
    }

    /** Whether the type carries a line payload. */
    public static boolean isLine(String type) {
        return STDOUT.equals(type) || STDERR.equals(type) || STDIN.equals(type);
    }
}
