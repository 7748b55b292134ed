package org.ssewatch.share;

/** Names of the POSIX signals, as the shell reports them (Linux numbering). */
public final class Signals {
    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    };

    private Signals() {
    }

    /** The name of signal {@code number}, e.g. "SIGTERM", or "SIG" + number for unnamed ones. */
    public static String name(int number) {
        if (number > 0 && number < NAMES.length) {
            return NAMES[number];
        }
        return "SIG" + number;
    }

    /** The signal a shell-style status of 128+N reports, or 0 when the status is a plain exit code. */
    public static int fromStatus(int status) {
        return status > 128 && status <= 128 + 64 ? status - 128 : 0;
    }
}
