package org.ssewatch.share;

/**
 * How a run ended, as the {@code exit} event reports it.
 *
 * @param status   what ssewatch exits with: the command's code, 128+N for signal N, or what
 *                 {@code kind} fixes (see {@link ExitReason#status()})
 * @param code     the command's exit code, or null when it never ran or a signal ended it
 * @param signal   the signal's name when one ended it, else null
 * @param kind     why it ended
 * @param message  a one-line explanation for failures, else null
 */
public record ExitStatus(int status, Integer code, String signal, ExitReason kind, String message) {
    /** From a status as Java's Process reports it (128+N for a signal). */
    public static ExitStatus fromProcess(int status) {
        int signal = Signals.fromStatus(status);
        if (signal != 0) {
            return new ExitStatus(status, null, Signals.name(signal), ExitReason.SIGNALED, null);
        }
        return new ExitStatus(status, status, null, ExitReason.EXITED, null);
    }

    public static ExitStatus notFound(String command) {
        return unstarted(ExitReason.NOT_FOUND, command + ": command not found");
    }

    public static ExitStatus notExecutable(String command) {
        return unstarted(ExitReason.NOT_EXECUTABLE, command + ": permission denied");
    }

    public static ExitStatus failed(String message) {
        return unstarted(ExitReason.FAILED, message);
    }

    /** A command that never ran, for {@code kind} (not found, not executable, failed), with {@code message}. */
    static ExitStatus unstarted(ExitReason kind, String message) {
        return new ExitStatus(kind.status(), null, null, kind, message);
    }

    public static ExitStatus endOfInput() {
        return new ExitStatus(ExitReason.EOF.status(), 0, null, ExitReason.EOF, null);
    }

    /**
     * {@link #kind}'s wire name, as the exit event and api/status carry it. A string, so that
     * what writes those payloads writes the same bytes it always did.
     */
    public String reason() {
        return kind.wireName();
    }
}
