package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On Java 17 the launcher trains a class-data-sharing archive in the background on first use,
 * uses it from then on, remakes it when the JVM refuses it or the jar changes, and never says a
 * word about it in the output.
 */
class LauncherArchiveIT extends LauncherFixture {
    @Test
    void theFirstRunMakesAnArchiveBesideTheJarThatLaterRunsUse() throws Exception {
        assertEquals(0, ssewatch("--version").status());
        Path archive = awaitArchive();
        assertTrue(archive.getFileName().toString().matches("ssewatch\\.jar\\.\\d+\\.jsa"), archive.toString());

        assertUsesTheArchive("bin/ssewatch", tmp, "bin/ssewatch");
        Result shareOn = run(tmp, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on"), "bin/ssewatch", "--version");
        assertEquals(0, shareOn.status(), shareOn.toString());

        Result real = run(tmp, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on"),
                "bin/ssewatch", "--quiet", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, real.status(), real.toString());
        Result plain = run(tmp, Map.of(), "bin/ssewatch", "--quiet", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, plain.status(), plain.toString());
        assertQuietAboutCds(plain);
        assertEquals(List.of(), training(), "a training run although the archive is there");
        assertEquals(List.of(archive), archives());
    }

    @Test
    void aBurstOfRunsBeforeTheArchiveExistsStartsOneTrainingRun() throws Exception {
        List<Process> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(processBuilder(tmp, Map.of(), "bin/ssewatch", "--version")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        Set<String> seen = new HashSet<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while ((burst.stream().anyMatch(Process::isAlive) || !training().isEmpty())
                && System.currentTimeMillis() < deadline) {
            seen.addAll(trainingRuns());
            Thread.sleep(20);
        }
        for (Process p : burst) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        Path archive = awaitArchive();
        assertEquals(1, seen.size(), "training runs (0: the training JVM was never seen): " + seen);
        try (Stream<Path> files = Files.list(lib)) {
            assertEquals(List.of("ssewatch", "ssewatch.jar", archive.getFileName().toString()),
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".log")).sorted()
                            .collect(Collectors.toList()), "no lock or temporary file is left behind");
        }
    }

    /**
     * A run that finds the lock of a training run, and takes it only once that run has finished
     * (moved its archive into place and dropped the lock), starts no second training run. A fake
     * java holds the first training run until the second launcher has seen its lock (the launcher
     * asks find whether the lock is stale), and that find waits for the training run to end: the
     * order a busy machine can give a burst of runs.
     */
    @Test
    void aRunThatTakesTheLockJustAfterATrainingRunEndedStartsNoOther() throws Exception {
        Path fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path attempts = tmp.resolve("attempts");
        Path go = tmp.resolve("go");
        executable(fakeBin.resolve("java"), "#!/bin/sh\n"
                + "case \"$*\" in *ArchiveClassesAtExit*)\n"
                + "  echo x >> '" + attempts + "'\n"
                + "  i=0; while [ ! -e '" + go + "' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done ;;\n"
                + "esac\n"
                + "exec '" + javaCommand() + "' \"$@\"\n");
        Path findBin = Files.createDirectories(tmp.resolve("find-bin"));
        executable(findBin.resolve("find"), "#!/bin/sh\n"
                + "case \"$1\" in *.training)\n"
                + "  : > '" + go + "'\n"
                + "  i=0; while [ -e \"$1\" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done ;;\n"
                + "esac\n"
                + "exec '" + onPathAt("find") + "' \"$@\"\n");
        String path = System.getenv().getOrDefault("PATH", "");
        String withJava = fakeBin + File.pathSeparator + path;

        assertOnlyTheVersion(run(tmp, Map.of("PATH", withJava), "bin/ssewatch", "--version"));
        assertEquals(1, filesEndingIn(".training"), "the first run's training holds the lock");
        assertOnlyTheVersion(run(tmp, Map.of("PATH", findBin + File.pathSeparator + withJava), "bin/ssewatch", "--version"));
        assertTrue(Files.exists(go), "the second run did not look at the lock");

        assertTrue(awaitNoTraining(60_000), "training still running: " + training());
        assertEquals(1, archives().size(), "archives: " + archives());
        assertEquals(1, Files.readAllLines(attempts).size(), "training runs");
        assertEquals(0, filesEndingIn(".training"), "a lock left behind");
    }

    @Test
    void aRefusedArchiveIsSilentThenRemadeByTheNextRun() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();

        // Long enough to hold a header: the JVM reads it, finds no magic number and says so in the log.
        byte[] garbage = new byte[64 * 1024];
        new Random(17).nextBytes(garbage);
        assertSpoiledArchiveIsReplacedSilently(archive, garbage);
    }

    /**
     * An archive too short to hold a header: Java 17 crashes on it when it logs CDS at level info, as
     * the launcher has it do, so the launcher does not offer it, and makes a new one at once.
     */
    @Test
    void anArchiveTooShortForAHeaderIsReplacedNotUsed() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();

        assertSpoiledArchiveIsReplacedSilently(archive,
                "not a CDS archive, just garbage".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * After a JDK upgrade the same {@code java} command runs a HotSpot that refuses the archive.
     * Java 17 says why only at level info (no warning), so a launcher that logs only warnings never
     * sees it and keeps the useless archive for good.
     */
    @Test
    void anArchiveFromAnotherJdkBuildIsRemade() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();

        // The header names the HotSpot build that wrote it: make it another build.
        byte[] bytes = Files.readAllBytes(archive);
        byte[] version = System.getProperty("java.vm.version").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, version, 64 * 1024);
        assumeTrue(at >= 0, "the java on PATH is not the JVM running this test");
        bytes[at] = (byte) (bytes[at] == '9' ? '8' : '9');
        assertSpoiledArchiveIsReplacedSilently(archive, bytes);
    }

    /**
     * A rebuilt jar, here one dated a minute ahead (as a jar built where the clock is ahead is), is
     * not run with the old archive, and gets an archive of its own that later runs use, not a new
     * training run each time until the clock catches up.
     */
    @Test
    void aRebuiltJarIsNotRunWithTheOldArchiveAndGetsANewOne() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();
        String before = digest(archive);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));
        Result r = run(tmp, Map.of("SSEWATCH_JAVA_OPTS", "-Xlog:class+load=info"), "bin/ssewatch", "--version");
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.out().contains(FROM_ARCHIVE), "the jar ran with the old archive:\n" + r);

        Path remade = awaitArchive();
        assertNotEquals(before, digest(remade), "the old archive was kept");
        assertEquals(List.of(remade), archives());
        String made = digest(remade);
        assertUsesTheArchive("the new archive", tmp, "bin/ssewatch");
        assertEquals(List.of(), training(), "the run that used the new archive started another training run");
        assertEquals(made, digest(remade));
    }

    /** A jar replaced by an older-dated one (install -p, a package): the JVM tells, and it is remade. */
    @Test
    void aJarReplacedByAnOlderDatedOneGetsANewArchive() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();
        String before = digest(archive);

        Files.delete(jar);
        Files.copy(JAR, jar);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));
        assertRemadeSilently(before, "the archive of the old jar was kept");
    }

    @Test
    void runningThroughARelativePathMakesNoSecondArchive() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();
        String made = digest(archive);

        // A training run would have started before the JVM did, and still be running: it takes seconds.
        assertUsesTheArchive("../lib/ssewatch from bin", bin, "../lib/ssewatch");
        assertEquals(List.of(), training(), "../lib/ssewatch from bin started a training run");
        assertUsesTheArchive("lib/ssewatch", tmp, "lib/ssewatch");
        assertEquals(List.of(), training(), "lib/ssewatch started a training run");
        assertUsesTheArchive("./ssewatch from lib", lib, "./ssewatch");
        assertEquals(List.of(), training(), "./ssewatch from lib started a training run");
        assertEquals(List.of(archive), archives());
        assertEquals(made, digest(archive), "the archive was made again");
        // The launcher's own directory there; JNA keeps its native library beside it, in JNA/.
        assertFalse(Files.exists(cache.resolve("ssewatch")), "an archive in the cache directory although lib is writable");
    }

    @Test
    void theArchiveHoldsOnlyWhatRunsLoadNotJansisNativeLibrary() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();
        // The JVM lists the classes an archive holds; the class path must be the one it was made with.
        Result r = run(tmp, Map.of(), javaCommand(), "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-cp", jar.toString());
        assertTrue(r.out().contains("org.ssewatch.cli.Terminals"), "the archive's classes are listed:\n" + r);
        assertFalse(r.out().contains("org.fusesource.jansi"), "the training run loaded jansi:\n" + r);
    }

    /**
     * A training run that failed is not tried again by every run until the jar changes, also when
     * the jar is dated in the future (a clock ahead where it was built); a jar replaced by one dated
     * earlier (a downgrade, {@code install -p}) is tried once. A java that refuses to write an
     * archive, first on the PATH, makes the training fail and counts the attempts.
     */
    @Test
    void aFailedTrainingIsTriedOncePerJarEvenOneDatedInTheFutureOrThePast() throws Exception {
        Path fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path attempts = tmp.resolve("attempts");
        Path fakeJava = fakeBin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\n"
                + "case \"$*\" in *ArchiveClassesAtExit*) echo x >> '" + attempts + "'; exit 1 ;; esac\n"
                + "exec '" + javaCommand() + "' \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS)));
        Map<String, String> env = Map.of("PATH", fakeBin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        for (int i = 0; i < 3; i++) {
            Result r = run(tmp, env, "bin/ssewatch", "--version");
            assertEquals(0, r.status(), r.toString());
            assertOnlyTheVersion(r);
            assertTrue(awaitNoTraining(60_000), "training still running: " + training());
        }
        assertEquals(1, Files.readAllLines(attempts).size(), "training attempts for one jar");
        assertEquals(List.of(), archives());
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        for (int i = 0; i < 2; i++) {
            Result r = run(tmp, env, "bin/ssewatch", "--version");
            assertEquals(0, r.status(), r.toString());
            assertTrue(awaitNoTraining(60_000), "training still running: " + training());
        }
        assertEquals(2, Files.readAllLines(attempts).size(), "training attempts after an older jar replaced it");
    }

    @Test
    void ssewatchCds0MakesNoArchiveAndNoMarker() throws Exception {
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0"), "bin/ssewatch", "--version");
        assertEquals(0, r.status(), r.toString());
        assertOnlyTheVersion(r);
        Thread.sleep(3_000);
        assertEquals(List.of(), training());
        try (Stream<Path> files = Files.list(lib)) {
            assertEquals(List.of("ssewatch", "ssewatch.jar"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertFalse(Files.exists(cache.resolve("ssewatch")), "SSEWATCH_CDS=0 wrote to the cache directory");
    }
}
