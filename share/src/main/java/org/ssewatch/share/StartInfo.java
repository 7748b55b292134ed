package org.ssewatch.share;

import java.util.List;

/**
 * What the {@code start} event says about a run.
 *
 * @param command the command and its arguments; empty in pipe mode
 * @param cwd     the working directory
 * @param host    the host name
 * @param pid     the command's process id, or null when there is none (pipe mode, failed start)
 * @param title   a title the user gave, or null
 * @param pty     whether the command runs under a pseudo-terminal
 */
public record StartInfo(List<String> command, String cwd, String host, Long pid, String title, boolean pty) {
    public StartInfo {
        command = List.copyOf(command);
    }

    public String mode() {
        return command.isEmpty() ? "pipe" : "command";
    }
}
