package org.ssewatch.share;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
 * @param markup        turn the CI markup the command prints (GitHub workflow commands, GitLab
 *                      sections) into {@code group} and {@code annotation} events
 * @param masks         regular expressions whose matches are replaced by {@code ***} in each line
 * @param maskEnv       names of environment variables whose values are replaced by {@code ***}
 */
public record RunConfig(List<String> command, Path workDir, Map<String, String> environment, boolean pty,
                        Duration killAfter, int maxLineBytes, boolean unbuffer, String title, boolean mergeStderr,
                        boolean markup, List<String> masks, List<String> maskEnv) {
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    public static final Duration DEFAULT_KILL_AFTER = Duration.ofSeconds(5);

    /** Variables that make common runtimes flush each line when writing to a pipe. */
    static final Map<String, String> UNBUFFER_ENVIRONMENT = Map.of("PYTHONUNBUFFERED", "1");

    public RunConfig {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        masks = List.copyOf(masks);
        maskEnv = List.copyOf(maskEnv);
        for (String mask : masks) {
            maskPattern(mask);
        }
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

    /** Markup parsed, nothing masked but what {@code ::add-mask::} asks for. */
    public RunConfig(List<String> command, Path workDir, Map<String, String> environment, boolean pty,
                     Duration killAfter, int maxLineBytes, boolean unbuffer, String title, boolean mergeStderr) {
        this(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, mergeStderr,
                true, List.of(), List.of());
    }

    /** stdout and stderr as two streams. */
    public RunConfig(List<String> command, Path workDir, Map<String, String> environment, boolean pty,
                     Duration killAfter, int maxLineBytes, boolean unbuffer, String title) {
        this(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, false);
    }

    /** The same run with stderr merged into stdout, or not. */
    public RunConfig withMergedStderr(boolean merge) {
        return new RunConfig(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, merge,
                markup, masks, maskEnv);
    }

    /** The same run with CI markup parsed, or left as text. */
    public RunConfig withMarkup(boolean parse) {
        return new RunConfig(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, mergeStderr,
                parse, masks, maskEnv);
    }

    /** The same run masking these regular expressions and the values of these variables. */
    public RunConfig withMasks(List<String> regexes, List<String> variables) {
        return new RunConfig(command, workDir, environment, pty, killAfter, maxLineBytes, unbuffer, title, mergeStderr,
                markup, regexes, variables);
    }

    /**
     * A mask as a pattern. One that matches the empty string is refused: it would put {@code ***}
     * between every two characters.
     *
     * @throws IllegalArgumentException with a message fit for a usage error
     */
    public static Pattern maskPattern(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + regex + " (" + e.getDescription() + ")", e);
        }
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("a mask must not match the empty string: " + regex);
        }
        return p;
    }

    /** The defaults for {@code command} in the current directory. */
    public static RunConfig of(List<String> command) {
        return new RunConfig(command, Path.of("").toAbsolutePath(), Map.of(), false, DEFAULT_KILL_AFTER,
                DEFAULT_MAX_LINE_BYTES, true, null);
    }
}
