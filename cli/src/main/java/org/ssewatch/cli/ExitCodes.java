package org.ssewatch.cli;

/**
 * ssewatch's exit status, in one table: the constants are what the code returns, and the lines
 * below them feed {@code --help} and the man page's EXIT STATUS, so the three cannot drift.
 */
final class ExitCodes {
    static final int USAGE = 2;
    static final int FAILED = 125;
    static final int NOT_EXECUTABLE = 126;
    static final int NOT_FOUND = 127;
    static final int SIGNAL_BASE = 128;

    static final String HEADING = "%nExit status:%n";
    static final String COMMAND = "N:The command's own exit status.";
    static final String SIGNALED = "128+N:The command died from signal N (130 for SIGINT, 143 for SIGTERM).";
    static final String NOT_FOUND_LINE = "127:The command was not found.";
    static final String NOT_EXECUTABLE_LINE = "126:The command was found but could not be executed.";
    static final String FAILED_LINE = "125:ssewatch itself failed (the port is in use, a TLS file cannot be read, ...).";
    static final String USAGE_LINE = "2:Usage error: an unknown option or a bad value.";
    static final String PIPE_LINE = "0:In pipe mode, once standard input has ended.";

    private ExitCodes() {
    }
}
