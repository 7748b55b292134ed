package org.ssewatch.cli;

import static org.ssewatch.share.ProcessesGone.gone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.TestChild;

/**
 * The real jar stopped as users stop it: SIGINT, SIGTERM and SIGHUP from outside, Ctrl-C typed at
 * a real terminal (under script(1)), and commands run under a pseudo-terminal.
 */
class SignalsIT extends JarFixture {
    @Test
    void sigintSigtermAndSighupEndTheCommandsWholeTreeWithNoOrphans() throws Exception {
        for (String signal : new String[] {"INT", "TERM", "HUP"}) {
            Path urlFile = dir.resolve("url-" + signal);
            Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(),
                    "--kill-after", "2s", "--quiet", "--"),
                    TestChild.command("spawn:ignore-term,sleep:60000", "spawn:sleep:60000", "out:ready\\n", "sleep:60000")))
                    .start();
            URI url = awaitUrl(urlFile, p);
            List<Long> children = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (children.size() < 2) {
                assertTrue(System.currentTimeMillis() < deadline, "grandchildren did not start");
                children.clear();
                for (String line : get(url.resolve("log.txt")).split("\n")) {
                    if (line.startsWith("child ")) {
                        children.add(Long.parseLong(line.substring(6)));
                    }
                }
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssewatch did not stop on SIG" + signal);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(143, p.exitValue(), "SIG" + signal);
            assertTrue(ms < 10_000, "took " + ms + " ms");
            for (long pid : children) {
                assertTrue(gone(pid), "orphan " + pid + " survived SIG" + signal);
            }
        }
    }

    @Test
    void aSecondCtrlCKillsTheTreeAtOnceInsteadOfWaitingOutTheGracePeriod() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(),
                "--kill-after", "60s", "--quiet", "--"), TestChild.command("ignore-term", "out:stubborn\\n", "sleep:60000")))
                .start();
        try {
            URI url = awaitUrl(urlFile, p);
            while (!get(url.resolve("log.txt")).contains("stubborn")) {
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            java.io.BufferedReader messages = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String said;
            do {
                said = messages.readLine();
            } while (said != null && !said.contains("stopping the command"));
            assertTrue(said != null, "ssewatch did not say it is stopping the command");
            assertTrue(p.isAlive(), "the first Ctrl-C only asks");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 15_000);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void atARealTerminalTheRunLingersUntilCtrlCThenExitsWithTheCommandsStatus() throws Exception {
        // exec: a shell that stayed as ssewatch's parent would die of the Ctrl-C itself (dash, the usual
        // /bin/sh, does) and script would report that instead of ssewatch's status. SHELL: the same
        // shell whatever the machine's login shell is.
        ScriptTerminal terminal = ScriptTerminal.start("exec " + ScriptTerminal.quoted(with(ssewatch("--bind", "127.0.0.1",
                "--"), TestChild.command("out:done\\n", "exit:3"))), Map.of("SHELL", "/bin/sh"));
        StringBuffer seen = terminal.screen();
        Process p = terminal.process();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!seen.toString().contains("still serving")) {
                assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "no linger notice: " + seen);
                Thread.sleep(50);
            }
            assertTrue(seen.toString().contains("finished (exit status 3)"), seen.toString());
            p.getOutputStream().write(3); // Ctrl-C, through the terminal's line discipline
            p.getOutputStream().flush();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still lingering after Ctrl-C: " + seen);
            assertEquals(3, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The terminal echoes Ctrl-C as {@code ^C} with no line end; ssewatch's message about it (and,
     * once it exits, the shell's prompt) must not carry on from there.
     */
    @Test
    void atARealTerminalWhatFollowsCtrlCStartsOnAFreshLine() throws Exception {
        ScriptTerminal terminal = ScriptTerminal.start("exec " + ScriptTerminal.quoted(with(ssewatch("--bind", "127.0.0.1",
                "--linger", "0", "--"), TestChild.command("out:ready\\n", "sleep:60000"))), Map.of("SHELL", "/bin/sh"));
        StringBuffer seen = terminal.screen();
        Process p = terminal.process();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!seen.toString().contains("ready")) {
                assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "the command did not start: " + seen);
                Thread.sleep(50);
            }
            p.getOutputStream().write(3);
            p.getOutputStream().flush();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C: " + seen);
            terminal.awaitScreenClosed(10_000);
            String all = seen.toString();
            int at = all.indexOf("^C");
            assertTrue(at >= 0, "the terminal echoed no ^C: " + all);
            assertTrue(all.startsWith("\r\n", at + 2), "after ^C: " + all.substring(at).replace("\u001b", "ESC"));
            // The test child dies of the Ctrl-C itself: ssewatch may see it gone before its own
            // handler runs, and then has nothing to stop. Either way, nothing carries on from ^C.
            assertFalse(all.startsWith("\r\n\r\n", at + 2), "the line after ^C was ended twice: " + all);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The jar, as users run it, with --pty: pty4j loads libutil through JNA, whose library search
     * the command line sets up itself (ChildSubreaper) so that no ldconfig runs.
     */
    @Test
    void underAPseudoTerminalTheJarRunsTheCommandOnATerminal() throws Exception {
        Result r = run(ssewatch("--bind", "127.0.0.1", "--linger", "0", "--pty", "--",
                "sh", "-c", "if [ -t 1 ]; then echo on-a-tty; fi; exit 4"), new byte[0]);
        assertEquals(4, r.status(), r.errText());
        assertTrue(r.outText().contains("on-a-tty"), r.outText() + r.errText());
    }
}
