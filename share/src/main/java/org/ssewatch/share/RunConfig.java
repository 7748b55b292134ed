package org.ssewatch.share;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a command. Validated once, here.
 *
 * @param command       the program and its arguments, run directly (no shell)
 * @param workDir       the directory to run it in
 * @param environment   variables to add to ssewatch's own environment
 * @param pty           run under a pseudo-terminal; as in a real terminal, stdout and stderr then
 *                      share it, so both arrive as stdout
 * @param killAfter     how long the command has to exit after SIGTERM before SIGKILL
 * @param maxLineBytes  longer lines are split into pieces marked as continuations
 * @param unbuffer      set the usual variables that make programs flush line by line
 * @param title         a title for the run, or null
 * @param mergeStderr   send stderr into stdout's pipe, so that both keep their exact order at any
 *                      speed (everything then arrives as stdout, as under a pseudo-terminal)
 */
public record RunConfig(List<String> command, Path workDir, Map<String, String> environment, boolean pty,
                        Duration killAfter, int maxLineBytes, boolean unbuffer, String title, boolean mergeStderr) {
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    public static final Duration DEFAULT_KILL_AFTER = Duration.ofSeconds(5);

    /** Variables that make common runtimes flush each line when writing to a pipe. */
    static final Map<String, String> UNBUFFER_ENVIRONMENT = Map.of("PYTHONUNBUFFERED", "1");

    public RunConfig {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        if (killAfter.isNegative()) {
            throw new IllegalArgumentException("kill-after must not be negative: " + killAfter);
        }
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("max line must be at least 16 bytes: " + maxLineBytes);
        }
    }

    /** stdout and stderr as two streams. */
    public RunConfig(List<String> command, Path workDir, Map<String, String> environment, boolean pty,
                     Duration killAfter, int maxLineBytes, boolean unbuffer, String title) {
        this(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, false);
    }

    /** The same run with stderr merged into stdout, or not. */
    public RunConfig withMergedStderr(boolean merge) {
        return new RunConfig(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, merge);
    }

    /** The defaults for {@code command} in the current directory. */
    public static RunConfig of(List<String> command) {
        return new RunConfig(command, Path.of("").toAbsolutePath(), Map.of(), false, DEFAULT_KILL_AFTER,
                DEFAULT_MAX_LINE_BYTES, true, null);
    }
}
