package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * From Java 19 the JVM makes the archive itself ({@code -XX:+AutoCreateSharedArchive}) as a run
 * exits: no training run, silent when it refuses one, and Java 17 still trains as before.
 */
class LauncherAutoArchiveIT extends LauncherFixture {
    @Test
    void onJava19AndLaterTheFirstRunWritesTheArchiveAsItExitsWithNoTrainingRunAndTheNextUsesIt() throws Exception {
        Map<String, String> env = onTemurin25();
        Result r = run(tmp, env, REAL_RUN);
        assertOnlyTheRun(r);
        // No waiting: the run's own JVM wrote it before it exited.
        assertEquals(List.of(), training(), "a training run on Java 25");
        assertEquals(0, filesEndingIn(".tmp") + filesEndingIn(".training") + filesEndingIn(".failed"), "training files");
        List<Path> made = archives();
        assertEquals(1, made.size(), "archives after the first run: " + made);
        assertTrue(made.get(0).getFileName().toString().matches("ssewatch\\.jar\\.\\d+\\.jsa"), made.toString());
        String digest = digest(made.get(0));

        assertUsesTheArchive("the archive Java 25 made", env, tmp, "bin/ssewatch");
        assertOnlyTheRun(run(tmp, env, REAL_RUN));
        Result flags = run(tmp, merged(env, Map.of("SSEWATCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags")), REAL_RUN);
        assertTrue(flags.out().contains("-XX:+AutoCreateSharedArchive"), flags.toString());
        assertOnlyTheVersion(run(tmp, env, "bin/ssewatch", "--version"));
        assertEquals(List.of(), training(), "a training run on Java 25");
        assertEquals(made, archives());
        assertEquals(digest, digest(made.get(0)), "an archive in use was written again");
    }

    @Test
    void onJava19AndLaterHelpAndVersionMakeNoArchive() throws Exception {
        Map<String, String> env = onTemurin25();
        assertOnlyTheVersion(run(tmp, env, "bin/ssewatch", "--version"));
        Result help = run(tmp, env, "bin/ssewatch", "--help");
        assertEquals(0, help.status(), help.toString());
        assertQuietAboutCds(help);
        assertEquals(List.of(), archives(), "--version or --help made the archive");
        assertEquals(List.of(), training());
        assertOnlyTheRun(run(tmp, env, REAL_RUN));
        assertEquals(1, archives().size());
    }

    /**
     * A rebuilt jar: the JVM (25.0.3) refuses the archive but does not remake it; the launcher reads
     * its refusal in the log and removes the archive, and the run after that makes a new one.
     */
    @Test
    void onJava19AndLaterAnArchiveTheJvmRefusesIsRemadeSilently() throws Exception {
        Map<String, String> env = onTemurin25();
        assertOnlyTheRun(run(tmp, env, REAL_RUN));
        String before = digest(archives().get(0));

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));
        assertOnlyTheRun(run(tmp, env, REAL_RUN));
        assertOnlyTheRun(run(tmp, env, REAL_RUN));
        List<Path> remade = archives();
        assertEquals(1, remade.size(), remade.toString());
        assertNotEquals(before, digest(remade.get(0)), "the archive of the old jar was kept");
        assertUsesTheArchive("the remade archive", env, tmp, "bin/ssewatch");
        assertEquals(List.of(), training());
    }

    /**
     * A runtime beside the launcher (a package's) moves from Java 17 to 25, at the same path: the
     * archive 17's training made is not one 25 can read (and Java 25 says so on stderr when asked to
     * make its own), so the launcher removes it, and the same run writes 25's.
     */
    @Test
    void aBundledRuntimeUpgradedFromJava17To25ReplacesTheArchiveInOneRun() throws Exception {
        onTemurin25();
        Path java17 = Path.of(System.getProperty("java.home"));
        assumeTrue(Runtime.version().feature() < 19 && Files.isRegularFile(java17.resolve("release")),
                "the tests do not run on a Java 17 or 18 with a release file");
        Path runtime = lib.resolve("runtime");
        Files.createSymbolicLink(runtime, java17);
        assertOnlyTheRun(run(tmp, Map.of(), REAL_RUN));
        Path archive = awaitArchive();
        String trained = digest(archive);

        Files.delete(runtime);
        Files.createSymbolicLink(runtime, TEMURIN_25);
        assertOnlyTheRun(run(tmp, Map.of(), REAL_RUN));
        assertEquals(List.of(), training(), "a training run on Java 25");
        assertEquals(List.of(archive), archives());
        assertNotEquals(trained, digest(archive), "Java 17's archive was kept");
        assertUsesTheArchive("Java 25's archive", Map.of(), tmp, "bin/ssewatch");
    }

    /**
     * ssewatch traps SIGINT (Ctrl-C), SIGTERM and SIGHUP and exits as usual, so the JVM still writes
     * the archive: the usual first run, stopped with Ctrl-C, leaves one that the next run uses.
     */
    @Test
    void onJava19AndLaterARunStoppedBySigintStillWritesTheArchive() throws Exception {
        Map<String, String> env = onTemurin25();
        Process p = processBuilder(tmp, env, "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "sleep", "60")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        StringBuilder err = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertTrue(line != null && line.startsWith("ssewatch: watching at"), "first line: " + line);
            // The launcher execs the JVM: its pid is ssewatch's.
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            for (String l = line; l != null; l = lines.readLine()) {
                err.append(l).append('\n');
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Result r = new Result(p.exitValue(), out.get(), err.toString());
        // ssewatch's own lines only (the status is the command's, stopped by ssewatch): a JVM that
        // failed to write the archive would add its error and exit with 1.
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("ssewatch: ")), r.toString());
        assertNotEquals(1, r.status(), r.toString());
        assertQuietAboutCds(r);
        assertEquals(1, archives().size(), "archives after SIGINT: " + archives());
        assertUsesTheArchive("the archive of the run SIGINT stopped", env, tmp, "bin/ssewatch");
    }

    /** A Java 17 the launcher can tell is 17 (JAVA_HOME and PATH name it) trains as before. */
    @Test
    void onJava17TheLauncherStillTrainsInTheBackground() throws Exception {
        Path java17 = Path.of(System.getProperty("java.home"));
        assumeTrue(Runtime.version().feature() < 19 && Files.isRegularFile(java17.resolve("release")),
                "the tests do not run on a Java 17 or 18 with a release file");
        Map<String, String> env = Map.of("PATH", java17.resolve("bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
                "JAVA_HOME", java17.toString());
        Result r = run(tmp, merged(env, Map.of("SSEWATCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags")), "bin/ssewatch", "--version");
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.out().contains("AutoCreateSharedArchive"), r.toString());
        assertFalse(training().isEmpty(), "no training run on Java 17");
        awaitArchive();
        assertUsesTheArchive("the trained archive", env, tmp, "bin/ssewatch");
    }
}
