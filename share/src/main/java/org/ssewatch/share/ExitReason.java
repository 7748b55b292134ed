package org.ssewatch.share;

/**
 * Why a run ended, with what goes with it everywhere it is told: the name the {@code exit} event
 * and api/status carry, the status ssewatch exits with when the reason fixes one, and the line
 * that explains it in {@code --help} and the man page. ssewatch's own usage error is not here:
 * nothing runs then, so there is no exit event to give a reason to.
 */
public enum ExitReason {
    EXITED("exited", null, "N", "The command's own exit status."),
    SIGNALED("signaled", null, "128+N", "The command died from signal N (130 for SIGINT, 143 for SIGTERM)."),
    NOT_FOUND("not-found", 127, null, "The command was not found."),
    NOT_EXECUTABLE("not-executable", 126, null, "The command was found but could not be executed."),
    FAILED("failed", 125, null, Meaning.FAILED),
    EOF("eof", 0, null, "In pipe mode, once standard input has ended."),
    /**
     * Never written by a run itself: {@code ssewatch show} says so of a saved run whose journal has
     * no exit event, because its ssewatch stopped (failed) before the run ended.
     */
    INTERRUPTED("interrupted", 125, null, Meaning.FAILED);

    /** Lines that two reasons share. */
    private static final class Meaning {
        static final String FAILED = "ssewatch itself failed (the port is in use, a TLS file cannot be read, ...).";
    }

    private final String wireName;
    private final Integer status;
    private final String statusLabel;
    private final String meaning;

    ExitReason(String wireName, Integer status, String statusLabel, String meaning) {
        this.wireName = wireName;
        this.status = status;
        this.statusLabel = status != null ? status.toString() : statusLabel;
        this.meaning = meaning;
    }

    /** The reason of that wire name, or null for a name of none. */
    public static ExitReason fromWireName(String name) {
        for (ExitReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** As the {@code reason} of the exit event and of api/status: exited, not-found, eof... */
    public String wireName() {
        return wireName;
    }

    /** Whether every run that ends this way exits with the same {@link #status()}. */
    public boolean hasFixedStatus() {
        return status != null;
    }

    /** The status ssewatch exits with; only for reasons that fix one (not the command's own or a signal's). */
    public int status() {
        if (status == null) {
            throw new IllegalStateException(wireName + " takes its exit status from the command");
        }
        return status;
    }

    /** The status as the exit status tables show it: 127, or N for the command's own. */
    public String statusLabel() {
        return statusLabel;
    }

    /** One sentence for the exit status tables of --help and the man page. */
    public String meaning() {
        return meaning;
    }
}
