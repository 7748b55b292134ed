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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ssewatch}, installed as docs/INSTALL.md says (the launcher and the jar
 * in one directory, a symlink to the launcher in another), in a temporary directory with its own
 * HOME and cache, and the helpers that run it and look at its class-data-sharing archive.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class LauncherFixture {
    static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();
    static final Path LAUNCHER = Path.of("..", "ssewatch").toAbsolutePath().normalize();
    /** How the JVM's class+load log names a class mapped from the dynamic (AppCDS) archive. */
    static final String FROM_ARCHIVE = "source: shared objects file (top)";

    @TempDir
    Path tmp;

    Path lib;
    Path bin;
    Path cache;
    Path jar;

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

    static boolean onPath(String program) {
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

    /**
     * The archives being written for this test's jar, one per training run: each writes its own
     * temporary file. Counting JVMs instead counts one run twice whenever the training JVM starts
     * its command ({@code -- true}): between fork and exec the child is a second java process with
     * the same command line, and on a busy machine it stays one long enough to be seen.
     */
    Set<String> trainingRuns() {
        String flag = "-XX:ArchiveClassesAtExit=" + tmp;
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().orElse("").endsWith("/java"))
                .flatMap(h -> h.info().arguments().stream().flatMap(Arrays::stream))
                .filter(a -> a.startsWith(flag))
                .collect(Collectors.toSet());
    }

    long filesEndingIn(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static Path onPathAt(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
    }

    /**
     * Writes {@code bytes} over the archive; then two runs print only the version (the second reads
     * the JVM's complaint in the log and starts a new archive), and the new archive is used.
     */
    void assertSpoiledArchiveIsReplacedSilently(Path archive, byte[] bytes) throws Exception {
        scribbleOver(archive, bytes);
        assertRemadeSilently(digest(archive), "the spoiled archive was kept");
    }

    /** Two runs print only the version, the archive is no longer the one {@code before}, and the new one is used. */
    void assertRemadeSilently(String before, String kept) throws Exception {
        assertOnlyTheVersion(ssewatch("--version"));
        assertOnlyTheVersion(ssewatch("--version"));
        assertNotEquals(before, digest(awaitArchive()), kept);
        assertUsesTheArchive("the new archive", tmp, "bin/ssewatch");
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Where the tests of the JVM-made archive find a JDK newer than 19. */
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** PATH and JAVA_HOME naming Temurin 25, or a skipped test when it is not installed. */
    static Map<String, String> onTemurin25() {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "Temurin 25 is not installed at " + TEMURIN_25);
        return Map.of("PATH", TEMURIN_25.resolve("bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
                "JAVA_HOME", TEMURIN_25.toString());
    }

    static final String[] REAL_RUN = {"bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "echo", "ok"};

    /** A run that prints the command's output and ssewatch's URL line, and nothing else. */
    static void assertOnlyTheRun(Result r) {
        assertEquals(0, r.status, r.toString());
        assertEquals("ok\n", r.out, r.toString());
        assertTrue(r.err.startsWith("ssewatch: watching at http://127.0.0.1:") && r.err.lines().count() == 1, r.toString());
        assertQuietAboutCds(r);
    }

    static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    Result ssewatch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bin/ssewatch"));
        cmd.addAll(Arrays.asList(args));
        return run(tmp, Map.of(), cmd.toArray(String[]::new));
    }

    /** {@code cmd} in {@code dir} with HOME and XDG_CACHE_HOME inside the temporary directory. */
    ProcessBuilder processBuilder(Path dir, Map<String, String> env, String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("SSEWATCH_"));
        e.put("HOME", tmp.resolve("home").toString());
        e.put("XDG_CACHE_HOME", cache.toString());
        e.putAll(env);
        return pb;
    }

    /** Runs {@code cmd} as {@link #processBuilder} sets it up, with no input. */
    Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Process p = processBuilder(dir, env, cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("still running after 60 s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    static String readAll(InputStream in) {
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
    void assertUsesTheArchive(String what, Path dir, String cmd) throws Exception {
        assertUsesTheArchive(what, Map.of(), dir, cmd);
    }

    /** As {@link #assertUsesTheArchive(String, Path, String)}, with {@code env} as well. */
    void assertUsesTheArchive(String what, Map<String, String> env, Path dir, String cmd) throws Exception {
        Result r = run(dir, merged(env, Map.of("SSEWATCH_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info")), cmd, "--version");
        assertEquals(0, r.status, what + ": " + r);
        assertTrue(r.out.lines().anyMatch(l -> l.contains(" org.ssewatch.") && l.contains(FROM_ARCHIVE)),
                what + " did not map ssewatch's classes from the archive: " + archives() + "\n" + r.err);
    }

    /** The output of {@code --version}, and nothing the JVM has to say about the archive. */
    static void assertOnlyTheVersion(Result r) {
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.both().lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("ssewatch "), r.toString());
        assertTrue(lines.get(1).startsWith("Java "), r.toString());
        assertQuietAboutCds(r);
    }

    static void assertQuietAboutCds(Result r) {
        String all = r.both();
        // Not just "cds": ssewatch's URL carries a random token that might spell it.
        for (String word : List.of("[warning]", "[error]", "[info]", "[cds", "cds,", "shared archive", "Shared")) {
            assertFalse(all.contains(word), "the output mentions " + word + ":\n" + r);
        }
    }

    /** Overwrites the (read-only) archive, keeping its time, so that the launcher still offers it. */
    static void scribbleOver(Path archive, byte[] bytes) throws IOException {
        FileTime time = Files.getLastModifiedTime(archive);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, time);
    }

    static int indexOf(byte[] in, byte[] what, int limit) {
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
    static String digest(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** The archives beside the jar: {@code ssewatch.jar.<number>.jsa}, not logs or temporary files. */
    List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().collect(Collectors.toList());
        }
    }

    /** Waits for the training runs to end and returns the one archive they left beside the jar. */
    Path awaitArchive() throws Exception {
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

    boolean awaitNoTraining(long millis) throws InterruptedException {
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
    List<String> training() {
        String mine = tmp.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self)
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(mine))
                .collect(Collectors.toList());
    }
}
