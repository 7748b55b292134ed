package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Apache's real htpasswd (Debian's apache2-utils), run as an operator would run it. */
public final class Htpasswd {
    public static final Path BINARY = Path.of("/usr/bin/htpasswd");

    private Htpasswd() {
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "htpasswd is not installed (apt-get install apache2-utils); skipping");
    }

    /** Runs {@code htpasswd ARGS...} and waits for it; fails the test when it fails. */
    public static void run(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(BINARY.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
