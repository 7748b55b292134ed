package org.ssewatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real terminal for tests: util-linux {@code script} runs a shell command on a pseudo-terminal,
 * so what is written to its input goes through the terminal's line discipline (byte 3 is Ctrl-C,
 * sent as SIGINT to the foreground process group), and everything the terminal shows is collected.
 */
final class ScriptTerminal {
    private final Process process;
    private final StringBuffer screen;
    private final Thread reader;

    private ScriptTerminal(Process process, StringBuffer screen, Thread reader) {
        this.process = process;
        this.screen = screen;
        this.reader = reader;
    }

    Process process() {
        return process;
    }

    /** Everything the terminal has shown so far. */
    StringBuffer screen() {
        return screen;
    }

    /** Waits (up to {@code millis}) until all the terminal showed before it closed is in {@link #screen}. */
    void awaitScreenClosed(long millis) throws InterruptedException {
        reader.join(millis);
    }

    /**
     * Starts {@code shellCommand} at a terminal with {@code env} added; what the terminal shows is
     * collected as it comes. Skips the test when script is not installed.
     */
    static ScriptTerminal start(String shellCommand, Map<String, String> env) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
                "util-linux 'script' is not installed: skipping the terminal test");
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", shellCommand, "/dev/null").redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] b = new byte[4096];
            int n;
            try {
                while ((n = p.getInputStream().read(b)) > 0) {
                    screen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the terminal closed
            }
        }, "script-terminal");
        reader.setDaemon(true);
        reader.start();
        return new ScriptTerminal(p, screen, reader);
    }

    /** {@code argv} as one shell command line, each word single-quoted. */
    static String quoted(List<String> argv) {
        StringBuilder line = new StringBuilder();
        for (String arg : argv) {
            line.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        return line.toString();
    }
}
