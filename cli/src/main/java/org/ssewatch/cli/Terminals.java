package org.ssewatch.cli;

import org.fusesource.jansi.internal.CLibrary;

/**
 * Whether a file descriptor is a terminal. The {@code ssewatch} launcher has already asked (bash's
 * {@code -t} is isatty) and passes the answer as {@value #LAUNCHER_SAYS}: the digits of the
 * descriptors among 0, 1 and 2 that are terminals. Without it, jansi's isatty answers; loading its
 * native library (extracted from the jar to a temporary file at every run) is ~15 ms of start-up.
 * Assume not a terminal if neither can say.
 */
final class Terminals {
    static final String LAUNCHER_SAYS = "ssewatch.terminals";

    private Terminals() {
    }

    static boolean isatty(int fd) {
        String known = System.getProperty(LAUNCHER_SAYS);
        if (known != null && fd >= 0 && fd <= 2) {
            return known.indexOf('0' + fd) >= 0;
        }
        try {
            return CLibrary.isatty(fd) != 0;
        } catch (Throwable e) {
            // No native library for this platform: err on the side of "not a terminal".
            return fd != 0 && System.console() != null;
        }
    }
}
