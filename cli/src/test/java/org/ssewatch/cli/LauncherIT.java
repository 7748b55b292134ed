package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ssewatch}, installed as docs/INSTALL.md says (the launcher and the jar
 * in one directory, a symlink to the launcher in another), and its class-data-sharing archive: made
 * in the background on first use, used from then on, remade when the JVM refuses it or the jar
 * changes, and never a word about it in the output.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LauncherIT {
    private static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "ssewatch").toAbsolutePath().normalize();
    /** How the JVM's class+load log names a class mapped from the dynamic (AppCDS) archive. */
    private static final String FROM_ARCHIVE = "source: shared objects file (top)";

    @TempDir
    Path tmp;

    private Path lib;
    private Path bin;
    private Path cache;
    private Path jar;

    record Result(int status, String out, String err) {
        String both() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    @BeforeAll
    static void needsSetsid() {
        assumeTrue(onPath("setsid"), "setsid is not installed: the launcher makes no archive without it");
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    @BeforeEach
    void install() throws IOException {
        lib = Files.createDirectories(tmp.resolve("lib"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createDirectories(tmp.resolve("home"));
        cache = tmp.resolve("cache");
        Path launcher = Files.copy(LAUNCHER, lib.resolve("ssewatch"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(JAR, lib.resolve("ssewatch.jar"));
        Files.createSymbolicLink(bin.resolve("ssewatch"), Path.of("..", "lib", "ssewatch"));
    }

    /** Lets background training runs end, so that the temporary directory can be deleted. */
    @AfterEach
    void trainingRunsEnded() throws Exception {
        assertTrue(awaitNoTraining(60_000), "a training run still running after 60 s: " + training());
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void installedThroughASymlinkItRunsTheJarBesideTheRealFile() throws Exception {
        Result r = run(tmp, Map.of(), bin.resolve("ssewatch").toString(), "--version");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.startsWith("ssewatch "), r.toString());
        assertTrue(r.out.lines().findFirst().orElseThrow().matches("ssewatch \\d+\\.\\d+\\S*"), r.toString());
        assertFalse(r.err.contains("building"), "it tried to build from a checkout:\n" + r);
    }

    @Test
    void theFirstRunMakesAnArchiveBesideTheJarThatLaterRunsUse() throws Exception {
        assertEquals(0, ssewatch("--version").status);
        Path archive = awaitArchive();
        assertTrue(archive.getFileName().toString().matches("ssewatch\\.jar\\.\\d+\\.jsa"), archive.toString());

        assertUsesTheArchive("bin/ssewatch", tmp, "bin/ssewatch");
        Result shareOn = run(tmp, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on"), "bin/ssewatch", "--version");
        assertEquals(0, shareOn.status, shareOn.toString());

        Result real = run(tmp, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on"),
                "bin/ssewatch", "--quiet", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, real.status, real.toString());
        Result plain = run(tmp, Map.of(), "bin/ssewatch", "--quiet", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, plain.status, plain.toString());
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
     * The archives being written for this test's jar, one per training run: each writes its own
     * temporary file. Counting JVMs instead counts one run twice whenever the training JVM starts
     * its command ({@code -- true}): between fork and exec the child is a second java process with
     * the same command line, and on a busy machine it stays one long enough to be seen.
     */
    private Set<String> trainingRuns() {
        String flag = "-XX:ArchiveClassesAtExit=" + tmp;
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().orElse("").endsWith("/java"))
                .flatMap(h -> h.info().arguments().stream().flatMap(Arrays::stream))
                .filter(a -> a.startsWith(flag))
                .collect(Collectors.toSet());
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

    private long filesEndingIn(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path onPathAt(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
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
     * Writes {@code bytes} over the archive; then two runs print only the version (the second reads
     * the JVM's complaint in the log and starts a new archive), and the new archive is used.
     */
    private void assertSpoiledArchiveIsReplacedSilently(Path archive, byte[] bytes) throws Exception {
        scribbleOver(archive, bytes);
        assertRemadeSilently(digest(archive), "the spoiled archive was kept");
    }

    /** Two runs print only the version, the archive is no longer the one {@code before}, and the new one is used. */
    private void assertRemadeSilently(String before, String kept) throws Exception {
        assertOnlyTheVersion(ssewatch("--version"));
        assertOnlyTheVersion(ssewatch("--version"));
        assertNotEquals(before, digest(awaitArchive()), kept);
        assertUsesTheArchive("the new archive", tmp, "bin/ssewatch");
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
        assertEquals(0, r.status, r.toString());
        assertFalse(r.out.contains(FROM_ARCHIVE), "the jar ran with the old archive:\n" + r);

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
    void atATerminalMessagesAreColouredAndTheTerminalIsNotReadAsInput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' is not installed");
        // script gives the launcher a pseudo-terminal for stdin, stdout and stderr.
        Result r = run(tmp, Map.of("SHELL", "/bin/sh", "SSEWATCH_CDS", "0"), "script", "-qec",
                "exec bin/ssewatch --bind 127.0.0.1 --linger 0", "/dev/null");
        assertEquals(ExitCodes.USAGE, r.status, r.toString());
        assertTrue(r.out.contains("\u001b[90mssewatch:\u001b[m no command to run, and standard input is a terminal"),
                r.toString());
    }

    @Test
    void throughPipesNothingIsColouredAndJansisNativeLibraryIsNotLoaded() throws Exception {
        // The launcher tells Java which streams are terminals; asking jansi would cost ~15 ms.
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0", "SSEWATCH_JAVA_OPTS", "-Xlog:class+load=info"),
                "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.startsWith("ssewatch: watching at http://127.0.0.1:"), r.toString());
        assertFalse(r.err.contains("\u001b"), r.toString());
        assertTrue(r.out.contains("org.ssewatch.cli.Terminals"), "the class-load log is there");
        assertFalse(r.out.contains("org.fusesource.jansi.internal.CLibrary"), "jansi's native library was loaded");
    }

    @Test
    void theHeapGetsTransparentHugePagesExactlyWhenTheKernelGivesThemOnlyToWhoAsks() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        // The JVM prints the flags it was given: the launcher's, then SSEWATCH_JAVA_OPTS.
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0", "SSEWATCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
                "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("-XX:+UseSerialGC"), "the flags are printed: " + r);
        assertEquals(madvise, r.out.contains("-XX:+UseTransparentHugePages"), "mode " + madvise + ": " + r);
        assertTrue(r.err.startsWith("ssewatch: watching at http://127.0.0.1:") && r.err.lines().count() == 1,
                "no JVM warning: " + r);
    }

    @Test
    void theNewestJdkInstalledTakesTheLaunchersJvmOptionsAndPrintsOnlySsewatchsLine() throws Exception {
        // The launcher passes HotSpot options (collector, heap, JIT thresholds): a JDK that dropped one
        // would refuse to start at all.
        Path java = Jdks.newestJava();
        assumeTrue(java != null && Jdks.feature(java) > 17, "no JDK newer than 17 under /usr/lib/jvm");
        String path = java.getParent() + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
        Result r = run(tmp, Map.of("PATH", path, "SSEWATCH_CDS", "0"),
                "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "echo", "ok");
        assertEquals(0, r.status, r.toString());
        assertEquals("ok\n", r.out);
        assertTrue(r.err.startsWith("ssewatch: watching at http://127.0.0.1:") && r.err.lines().count() == 1, r.toString());
    }

    @Test
    void theArchiveHoldsOnlyWhatRunsLoadNotJansisNativeLibrary() throws Exception {
        ssewatch("--version");
        Path archive = awaitArchive();
        // The JVM lists the classes an archive holds; the class path must be the one it was made with.
        Result r = run(tmp, Map.of(), javaCommand(), "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-cp", jar.toString());
        assertTrue(r.out.contains("org.ssewatch.cli.Terminals"), "the archive's classes are listed:\n" + r);
        assertFalse(r.out.contains("org.fusesource.jansi"), "the training run loaded jansi:\n" + r);
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
            assertEquals(0, r.status, r.toString());
            assertOnlyTheVersion(r);
            assertTrue(awaitNoTraining(60_000), "training still running: " + training());
        }
        assertEquals(1, Files.readAllLines(attempts).size(), "training attempts for one jar");
        assertEquals(List.of(), archives());
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        for (int i = 0; i < 2; i++) {
            Result r = run(tmp, env, "bin/ssewatch", "--version");
            assertEquals(0, r.status, r.toString());
            assertTrue(awaitNoTraining(60_000), "training still running: " + training());
        }
        assertEquals(2, Files.readAllLines(attempts).size(), "training attempts after an older jar replaced it");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void ssewatchCds0MakesNoArchiveAndNoMarker() throws Exception {
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0"), "bin/ssewatch", "--version");
        assertEquals(0, r.status, r.toString());
        assertOnlyTheVersion(r);
        Thread.sleep(3_000);
        assertEquals(List.of(), training());
        try (Stream<Path> files = Files.list(lib)) {
            assertEquals(List.of("ssewatch", "ssewatch.jar"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertFalse(Files.exists(cache.resolve("ssewatch")), "SSEWATCH_CDS=0 wrote to the cache directory");
    }

    /**
     * A package or a tarball (dist/build) puts a Java runtime beside the launcher and the jar: that
     * runtime runs ssewatch and its training run, whatever java is first on the PATH. Here the
     * runtime is a script that counts its runs and hands over to this JDK's java.
     */
    @Test
    void aRuntimeBesideTheLauncherRunsSsewatchAndItsTrainingNotTheJavaOnThePath() throws Exception {
        Path runs = tmp.resolve("runtime-runs");
        Path bundled = Files.createDirectories(lib.resolve("runtime").resolve("bin")).resolve("java");
        Files.writeString(bundled, "#!/bin/sh\necho x >> '" + runs + "'\nexec '" + javaCommand() + "' \"$@\"\n");
        Files.setPosixFilePermissions(bundled, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        Files.writeString(fakeBin.resolve("java"), "#!/bin/sh\necho 'the java on the PATH ran' >&2\nexit 99\n");
        Files.setPosixFilePermissions(fakeBin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", fakeBin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));

        Result r = run(tmp, env, "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "echo", "ok");
        assertEquals(0, r.status, r.toString());
        assertEquals("ok\n", r.out);
        awaitArchive();
        // The run, then the training run and its check of the new archive.
        assertEquals(3, Files.readAllLines(runs).size(), "runs of the runtime beside the launcher");
        assertUsesTheArchive("the runtime beside the launcher", tmp, "bin/ssewatch");
    }

    // --- Java 19 and later: the JVM makes the archive itself ------------------------------------

    /** Where the tests of the JVM-made archive find a JDK newer than 19. */
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** PATH and JAVA_HOME naming Temurin 25, or a skipped test when it is not installed. */
    private static Map<String, String> onTemurin25() {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "Temurin 25 is not installed at " + TEMURIN_25);
        return Map.of("PATH", TEMURIN_25.resolve("bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
                "JAVA_HOME", TEMURIN_25.toString());
    }

    private static final String[] REAL_RUN = {"bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "echo", "ok"};

    /** A run that prints the command's output and ssewatch's URL line, and nothing else. */
    private static void assertOnlyTheRun(Result r) {
        assertEquals(0, r.status, r.toString());
        assertEquals("ok\n", r.out, r.toString());
        assertTrue(r.err.startsWith("ssewatch: watching at http://127.0.0.1:") && r.err.lines().count() == 1, r.toString());
        assertQuietAboutCds(r);
    }

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
        assertTrue(flags.out.contains("-XX:+AutoCreateSharedArchive"), flags.toString());
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
        assertEquals(0, help.status, help.toString());
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
        assertTrue(r.err.lines().allMatch(l -> l.startsWith("ssewatch: ")), r.toString());
        assertNotEquals(1, r.status, r.toString());
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
        assertEquals(0, r.status, r.toString());
        assertFalse(r.out.contains("AutoCreateSharedArchive"), r.toString());
        assertFalse(training().isEmpty(), "no training run on Java 17");
        awaitArchive();
        assertUsesTheArchive("the trained archive", env, tmp, "bin/ssewatch");
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    // ---------------------------------------------------------------------------------------------

    private Result ssewatch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bin/ssewatch"));
        cmd.addAll(Arrays.asList(args));
        return run(tmp, Map.of(), cmd.toArray(String[]::new));
    }

    /** {@code cmd} in {@code dir} with HOME and XDG_CACHE_HOME inside the temporary directory. */
    private ProcessBuilder processBuilder(Path dir, Map<String, String> env, String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("SSEWATCH_"));
        e.put("HOME", tmp.resolve("home").toString());
        e.put("XDG_CACHE_HOME", cache.toString());
        e.putAll(env);
        return pb;
    }

    /** Runs {@code cmd} as {@link #processBuilder} sets it up, with no input. */
    private Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Process p = processBuilder(dir, env, cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("still running after 60 s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * Runs {@code cmd --version} with {@code -Xshare:on} (the JVM exits if it cannot map the archive
     * it is given) and checks that ssewatch's own classes came from the archive: without an archive
     * from the launcher, {@code -Xshare:on} would map just the JDK's own and succeed as well.
     */
    private void assertUsesTheArchive(String what, Path dir, String cmd) throws Exception {
        assertUsesTheArchive(what, Map.of(), dir, cmd);
    }

    /** As {@link #assertUsesTheArchive(String, Path, String)}, with {@code env} as well. */
    private void assertUsesTheArchive(String what, Map<String, String> env, Path dir, String cmd) throws Exception {
        Result r = run(dir, merged(env, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info")), cmd, "--version");
        assertEquals(0, r.status, what + ": " + r);
        assertTrue(r.out.lines().anyMatch(l -> l.contains(" org.ssewatch.") && l.contains(FROM_ARCHIVE)),
                what + " did not map ssewatch's classes from the archive: " + archives() + "\n" + r.err);
    }

    /** The output of {@code --version}, and nothing the JVM has to say about the archive. */
    private static void assertOnlyTheVersion(Result r) {
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.both().lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("ssewatch "), r.toString());
        assertTrue(lines.get(1).startsWith("Java "), r.toString());
        assertQuietAboutCds(r);
    }

    private static void assertQuietAboutCds(Result r) {
        String all = r.both();
        // Not just "cds": ssewatch's URL carries a random token that might spell it.
        for (String word : List.of("[warning]", "[error]", "[info]", "[cds", "cds,", "shared archive", "Shared")) {
            assertFalse(all.contains(word), "the output mentions " + word + ":\n" + r);
        }
    }

    /** Overwrites the (read-only) archive, keeping its time, so that the launcher still offers it. */
    private static void scribbleOver(Path archive, byte[] bytes) throws IOException {
        FileTime time = Files.getLastModifiedTime(archive);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, time);
    }

    private static int indexOf(byte[] in, byte[] what, int limit) {
        outer:
        for (int i = 0; i + what.length <= Math.min(in.length, limit); i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** What the archive holds (not its inode: a new file may well get the old one's). */
    private static String digest(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** The archives beside the jar: {@code ssewatch.jar.<number>.jsa}, not logs or temporary files. */
    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().collect(Collectors.toList());
        }
    }

    /** Waits for the training runs to end and returns the one archive they left beside the jar. */
    private Path awaitArchive() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            boolean trained = training().isEmpty();
            List<Path> archives = archives();
            if (trained && archives.size() == 1) {
                return archives.get(0);
            }
            try (Stream<Path> files = Files.list(lib)) {
                List<Path> failed = files.filter(p -> p.toString().endsWith(".failed")).collect(Collectors.toList());
                assertEquals(List.of(), failed, "the training run failed");
            }
            if (trained) {
                fail("no training run, and archives " + archives);
            }
            assertTrue(System.currentTimeMillis() < deadline, "no archive after 60 s: " + archives);
            Thread.sleep(100);
        }
    }

    private boolean awaitNoTraining(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!training().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * The processes still at work on this test's files: the detached {@code ssewatch-cds} training
     * runs and their JVMs (ours only, not those of other tests on the machine).
     */
    private List<String> training() {
        String mine = tmp.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self)
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(mine))
                .collect(Collectors.toList());
    }
}
