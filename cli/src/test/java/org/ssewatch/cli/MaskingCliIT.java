package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --mask and --mask-env through the jar, with a child that writes its secrets a byte at a time:
 * they never reach anything ssewatch stores or serves (the event stream, poll, log.txt,
 * api/status, the spill file), while the terminal gets the output as written.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MaskingCliIT {
    private static final String ENV_SECRET = "envsecret-4f2a9";
    private static final String PATTERN_SECRET = "ghp_Ab12Cd34Ef56";

    @TempDir
    Path dir;

    @Test
    void secretsWrittenAByteAtATimeReachNothingStoredOrServed() throws Exception {
        Path spill = Files.createDirectories(dir.resolve("spill"));
        // A script, so that no piece of a secret is in the command line (the start event shows that).
        Path script = Files.writeString(dir.resolve("slow-secrets.sh"), String.join("\n",
                "slow() { s=$1; i=0; while [ $i -lt ${#s} ]; do printf '%s' \"${s:i:1}\"; sleep 0.002; i=$((i+1)); done; }",
                "gh=ghp_Ab12; gh=${gh}Cd34Ef56",
                "slow \"login $DEPLOY_TOKEN ok\"; echo",
                "slow \"token $gh sent\"; echo",
                "slow 'xxxxxxxxxxxxxxx'; slow $'\\r'\"$DEPLOY_TOKEN\"; echo",
                "slow \"::group::Deploy $gh\"; echo",
                "slow \"::error title=$DEPLOY_TOKEN::bad $gh\"; echo",
                "echo ::endgroup::",
                // A pause far past the 100 ms after which an open line is sent as partial, so that a partial
                // is sent whatever the load (the byte-at-a-time lines above make one only when they are slow).
                "printf 'waiting for '; sleep 2; echo \"$DEPLOY_TOKEN done\"",
                "i=1; while [ $i -le 200 ]; do echo \"line $i\"; i=$((i+1)); done",
                "echo 'the end'", ""));
        List<String> options = List.of("--mask", "ghp_[A-Za-z0-9]{12}", "--mask-env", "DEPLOY_TOKEN",
                "--title", "deploy with " + ENV_SECRET, "--history", "16", "--history-bytes", "64K", "--spill-dir", spill.toString());
        try (Watched w = Watched.start(dir, Map.of("DEPLOY_TOKEN", ENV_SECRET), options, List.of("bash", script.toString()))) {
            List<Watched.Received> events = w.events();
            List<String> served = new ArrayList<>();
            events.forEach(e -> served.add("event " + e.id() + " " + e.type() + " " + e.data()));
            served.add("poll " + w.get("poll?after=0&max=1000"));
            served.add("log.txt " + w.get("log.txt"));
            served.add("api/status " + w.get("api/status"));
            List<Path> spillFiles = w.openSpillFiles();
            assertEquals(1, spillFiles.size(), "the run spilled: " + spillFiles);
            String spilled = new String(Files.readAllBytes(spillFiles.get(0)), StandardCharsets.UTF_8);
            assertTrue(spilled.contains("line 1"), "the spill file holds the early events as text");
            served.add("spill " + spilled);
            for (String s : served) {
                assertFalse(s.contains(ENV_SECRET), s);
                assertFalse(s.contains(PATTERN_SECRET), s);
                assertFalse(s.contains("4f2a9") || s.contains("Cd34Ef56"), "not even a piece: " + s);
            }
            String log = w.get("log.txt");
            assertTrue(log.startsWith("login *** ok\ntoken *** sent\n***\n"), log);
            assertTrue(w.get("api/status").contains("\"title\":\"deploy with ***\""), w.get("api/status"));
            Watched.Received group = events.stream().filter(e -> e.type().equals("group")).findFirst().orElseThrow();
            assertEquals("Deploy ***", group.data().get("title").getAsString());
            Watched.Received error = events.stream().filter(e -> e.type().equals("annotation")).findFirst().orElseThrow();
            assertEquals("bad ***", error.data().get("message").getAsString());
            assertEquals("***", error.data().get("title").getAsString());
            assertTrue(events.stream().anyMatch(e -> e.data().has("partial")), "partial lines were sent while the bytes came");
            assertTrue(log.contains("\nwaiting for *** done\n"), "a partial line finished by a secret: " + log);
            w.stop();
        }
    }

    /** Pipe mode takes the same options: the pipe's secrets are masked and its markup read, unless --no-markup. */
    @Test
    void inPipeModeTheMasksAndTheMarkupOptionsApplyToo() throws Exception {
        String input = "login " + ENV_SECRET + " with " + PATTERN_SECRET + "\n::group::Build\nok\n::endgroup::\n";
        for (boolean markup : new boolean[] {true, false}) {
            Path urlFile = dir.resolve("url-" + markup);
            List<String> cmd = Watched.java("--bind", "127.0.0.1", "--quiet", "--linger", "1h", "--url-file", urlFile.toString(),
                    "--mask", "ghp_[A-Za-z0-9]{12}", "--mask-env", "DEPLOY_TOKEN");
            if (!markup) {
                cmd.add("--no-markup");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DEPLOY_TOKEN", ENV_SECRET);
            Process p = pb.start();
            try {
                try (java.io.OutputStream in = p.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
                long deadline = System.currentTimeMillis() + 60_000;
                while (!Files.exists(urlFile) || Files.size(urlFile) == 0) {
                    assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "no URL");
                    Thread.sleep(20);
                }
                java.net.URI url = java.net.URI.create(Files.readString(urlFile).trim());
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                String events = http.send(java.net.http.HttpRequest.newBuilder(url.resolve("events")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(events.contains("\"text\":\"login *** with ***\""), events);
                assertFalse(events.contains(ENV_SECRET) || events.contains(PATTERN_SECRET), events);
                assertEquals(markup, events.contains("event: group\n"), events);
                assertEquals(!markup, events.contains("\"text\":\"::group::Build\""), events);
            } finally {
                p.destroy();
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theTerminalStillGetsTheOutputAsTheCommandWroteIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Watched.java("--bind", "127.0.0.1", "--linger", "0", "--mask-env", "DEPLOY_TOKEN",
                "--", "sh", "-c", "echo \"login $DEPLOY_TOKEN\""));
        pb.environment().put("DEPLOY_TOKEN", ENV_SECRET);
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals("login " + ENV_SECRET + "\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
    }
}
