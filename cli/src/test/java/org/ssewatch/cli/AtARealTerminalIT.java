package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssewatch.share.ProcessesGone.gone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ssewatch typed at a real terminal, and Ctrl-C typed there: util-linux {@code script} runs an interactive bash on a
 * pseudo-terminal, ssewatch is typed at its prompt and runs as the foreground job, and the byte 3
 * goes through the terminal's line discipline. The terminal sends SIGINT to the whole foreground
 * process group, not only to ssewatch, which signals sent from outside cannot show. The shell
 * outlives ssewatch as a user's does: were ssewatch the session's leader, its exit would hang up
 * the terminal and SIGHUP would end the orphans instead of ssewatch.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AtARealTerminalIT {
    private static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();
    private static final Pattern BACKGROUND = Pattern.compile("bg (\\d+)");

    /**
     * ssewatch with {@code args} typed at a terminal; what the terminal shows goes into
     * {@code screen}. The terminal echoes what is typed, so the commands build the words the test
     * waits for ({@code rea""dy}) rather than quoting them.
     */
    private static ScriptTerminal atATerminal(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ScriptTerminal terminal = ScriptTerminal.start("bash --norc --noprofile -i", Map.of("PS1", "$ "));
        Process p = terminal.process();
        p.getOutputStream().write((ScriptTerminal.quoted(cmd) + "; echo \"ssewatch-exited-$?\"\n")
                .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        return terminal;
    }

    /** ssewatch's exit status, once the shell says it has exited. */
    private static int awaitExit(StringBuffer screen, Process p) throws InterruptedException {
        Pattern exited = Pattern.compile("ssewatch-exited-(\\d+)");
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Matcher m = exited.matcher(screen);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "ssewatch did not exit: " + screen);
            Thread.sleep(50);
        }
    }

    private static List<Long> awaitBackgroundPids(StringBuffer screen, Process p, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<Long> pids = new ArrayList<>();
            Matcher m = BACKGROUND.matcher(screen);
            while (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
            if (pids.size() >= count && screen.toString().contains("ready")) {
                return pids;
            }
            assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "the command did not start: " + screen);
            Thread.sleep(50);
        }
    }

    @Test
    void ctrlCEndsBackgroundChildrenThatIgnoreSigintAndTheCommandStillReceivesIt() throws Exception {
        // A non-interactive shell starts its & children with SIGINT ignored: Ctrl-C kills only the
        // shell, and its children are orphaned at once.
        ScriptTerminal terminal = atATerminal("--bind", "127.0.0.1", "--kill-after", "20s", "--", "sh", "-c",
                "sleep 300 & echo \"bg $!\"; sleep 301 & echo \"bg $!\"; echo rea\"\"dy; wait");
        StringBuffer screen = terminal.screen();
        Process p = terminal.process();
        try {
            List<Long> children = awaitBackgroundPids(screen, p, 2);
            p.getOutputStream().write(3); // Ctrl-C
            p.getOutputStream().flush();
            assertEquals(130, awaitExit(screen, p), "the shell itself died of the terminal's SIGINT: " + screen);
            assertTrue(p.isAlive(), "the terminal's shell is still there, as a user's is");
            for (long pid : children) {
                assertTrue(gone(pid), "background child " + pid + " outlived ssewatch: " + screen);
            }
        } finally {
            p.destroyForcibly();
            leftovers(screen);
        }
    }

    @Test
    void anInteractiveCommandStillReadsTheTerminalAndGetsCtrlCItself() throws Exception {
        // The command traps SIGINT and carries on: Ctrl-C reached it (it is in the terminal's
        // foreground group), and ssewatch then ends it as asked.
        ScriptTerminal terminal = atATerminal("--bind", "127.0.0.1", "--", "sh", "-c",
                "trap 'echo got\"\"-int' INT; echo rea\"\"dy; read answer; echo \"read \"\"$answer\"; sleep 300 & echo \"bg $!\"; wait");
        StringBuffer screen = terminal.screen();
        Process p = terminal.process();
        try {
            awaitBackgroundPids(screen, p, 0);
            p.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            List<Long> children = awaitBackgroundPids(screen, p, 1);
            assertTrue(screen.toString().contains("read yes"), screen.toString());
            p.getOutputStream().write(3);
            p.getOutputStream().flush();
            awaitExit(screen, p);
            assertTrue(screen.toString().contains("got-int"), "the command did not receive Ctrl-C: " + screen);
            assertTrue(gone(children.get(0)), "background child outlived ssewatch: " + screen);
        } finally {
            p.destroyForcibly();
            leftovers(screen);
        }
    }

    /** Ends whatever a failed run left behind, so that it does not outlive the test either. */
    private static void leftovers(StringBuffer screen) {
        Matcher m = BACKGROUND.matcher(screen);
        while (m.find()) {
            ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aMistypedCommandPrintsOneLineAndExits127AtOnceWithoutServingAnything() throws Exception {
        ScriptTerminal terminal = atATerminal("--", "no-such-command-ssewatch");
        StringBuffer screen = terminal.screen();
        Process p = terminal.process();
        try {
            assertEquals(127, awaitExit(screen, p), screen.toString());
            String plain = screen.toString().replaceAll("\u001b\\[[0-9;]*m", ""); // the prefix is dimmed at a terminal
            assertTrue(plain.contains("ssewatch: no-such-command-ssewatch: command not found"), plain);
            assertFalse(screen.toString().contains("watching at"), "nothing to share, so no URL: " + screen);
            assertFalse(screen.toString().contains("still serving"), screen.toString());
        } finally {
            p.destroyForcibly();
        }
    }
}
