package org.ssewatch.share;

/**
 * How a run ended, as the {@code exit} event reports it.
 *
 * @param status   what ssewatch exits with: the command's code, 128+N for signal N, 126 or 127
 * @param code     the command's exit code, or null when it never ran or a signal ended it
 * @param signal   the signal's name when one ended it, else null
 * @param reason   exited, signaled, not-found, not-executable, failed or eof
 * @param message  a one-line explanation for failures, else null
 */
public record ExitStatus(int status, Integer code, String signal, String reason, String message) {
    public static final String EXITED = "exited";
    public static final String SIGNALED = "signaled";
    public static final String NOT_FOUND = "not-found";
    public static final String NOT_EXECUTABLE = "not-executable";
    public static final String FAILED = "failed";
    public static final String EOF = "eof";

    /** From a status as Java's Process reports it (128+N for a signal). */
    public static ExitStatus fromProcess(int status) {
        int signal = Signals.fromStatus(status);
        if (signal != 0) {
            return new ExitStatus(status, null, Signals.name(signal), SIGNALED, null);
        }
        return new ExitStatus(status, status, null, EXITED, null);
    }

    public static ExitStatus notFound(String command) {
        return new ExitStatus(127, null, null, NOT_FOUND, command + ": command not found");
    }

    public static ExitStatus notExecutable(String command) {
        return new ExitStatus(126, null, null, NOT_EXECUTABLE, command + ": permission denied");
    }

    public static ExitStatus failed(String message) {
        return new ExitStatus(125, null, null, FAILED, message);
    }

    public static ExitStatus endOfInput() {
        return new ExitStatus(0, 0, null, EOF, null);
    }
}
