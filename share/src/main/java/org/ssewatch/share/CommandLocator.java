package org.ssewatch.share;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a command the way execvp does, so that "not found" and "not executable" (their exit
 * statuses are {@link ExitReason}'s) are told apart reliably and before anything starts, for pipes
 * and pseudo-terminals alike.
 */
final class CommandLocator {
    private CommandLocator() {
    }

    /** The exit status that starting {@code command} would fail with, or null if it can start. */
    static ExitStatus problem(String command, Path workDir, String pathVariable) {
        if (command.contains("/")) {
            Path p = workDir.resolve(command);
            if (!Files.exists(p)) {
                return ExitStatus.unstarted(ExitReason.NOT_FOUND, command + ": no such file or directory");
            }
            return runnable(p) ? null : ExitStatus.notExecutable(command);
        }
        boolean sawFile = false;
        for (String dir : (pathVariable == null ? "" : pathVariable).split(":", -1)) {
            Path p = workDir.resolve(dir.isEmpty() ? "." : dir).resolve(command);
            if (runnable(p)) {
                return null;
            }
            sawFile |= Files.exists(p);
        }
        return sawFile ? ExitStatus.notExecutable(command) : ExitStatus.notFound(command);
    }

    private static boolean runnable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
