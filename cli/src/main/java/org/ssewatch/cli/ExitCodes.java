package org.ssewatch.cli;

import org.ssewatch.share.ExitReason;

/**
 * ssewatch's exit status, in one table: {@link ExitReason} for every way a run ends, and the
 * usage error, which ends ssewatch before any run. The constants are what the code returns, and
 * the lines feed {@code --help} and the man page's EXIT STATUS, so the three cannot drift.
 */
final class ExitCodes {
    static final int USAGE = 2;
    static final int FAILED = ExitReason.FAILED.status();

    static final String HEADING = "%nExit status:%n";
    static final String COMMAND = line(ExitReason.EXITED);
    static final String SIGNALED = line(ExitReason.SIGNALED);
    static final String NOT_FOUND_LINE = line(ExitReason.NOT_FOUND);
    static final String NOT_EXECUTABLE_LINE = line(ExitReason.NOT_EXECUTABLE);
    static final String FAILED_LINE = line(ExitReason.FAILED);
    static final String USAGE_LINE = USAGE + ":Usage error: an unknown option or a bad value.";
    static final String PIPE_LINE = line(ExitReason.EOF);

    private ExitCodes() {
    }

    /** "STATUS:meaning" for picocli's exit code list, in the order --help shows them. */
    static String[] lines() {
        return new String[] {COMMAND, SIGNALED, NOT_FOUND_LINE, NOT_EXECUTABLE_LINE, FAILED_LINE, USAGE_LINE, PIPE_LINE};
    }

    private static String line(ExitReason reason) {
        return reason.statusLabel() + ":" + reason.meaning();
    }
}
