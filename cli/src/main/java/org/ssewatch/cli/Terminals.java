package org.ssewatch.cli;

import org.fusesource.jansi.internal.CLibrary;

/** Whether a file descriptor is a terminal, through jansi's isatty; assume not if it cannot say. */
final class Terminals {
    private Terminals() {
    }

    static boolean isatty(int fd) {
        try {
            return CLibrary.isatty(fd) != 0;
        } catch (Throwable e) {
            // No native library for this platform: err on the side of "not a terminal".
            return fd != 0 && System.console() != null;
        }
    }
}
