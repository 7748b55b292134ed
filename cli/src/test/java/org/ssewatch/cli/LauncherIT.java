package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher finds the jar and the Java to run it with (through a symlink, a runtime beside it,
 * the newest JDK installed), colours its messages only at a terminal, and asks for transparent
 * huge pages for the heap exactly when the kernel gives them only to programs that ask.
 */
class LauncherIT extends LauncherFixture {
    @Test
    void installedThroughASymlinkItRunsTheJarBesideTheRealFile() throws Exception {
        Result r = run(tmp, Map.of(), bin.resolve("ssewatch").toString(), "--version");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("ssewatch "), r.toString());
        assertTrue(r.out().lines().findFirst().orElseThrow().matches("ssewatch \\d+\\.\\d+\\S*"), r.toString());
        assertFalse(r.err().contains("building"), "it tried to build from a checkout:\n" + r);
    }

    @Test
    void atATerminalMessagesAreColouredAndTheTerminalIsNotReadAsInput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' is not installed");
        // script gives the launcher a pseudo-terminal for stdin, stdout and stderr.
        Result r = run(tmp, Map.of("SHELL", "/bin/sh", "SSEWATCH_CDS", "0"), "script", "-qec",
                "exec bin/ssewatch --bind 127.0.0.1 --linger 0", "/dev/null");
        assertEquals(ExitCodes.USAGE, r.status(), r.toString());
        assertTrue(r.out().contains("\u001b[90mssewatch:\u001b[m no command to run, and standard input is a terminal"),
                r.toString());
    }

    @Test
    void throughPipesNothingIsColouredAndJansisNativeLibraryIsNotLoaded() throws Exception {
        // The launcher tells Java which streams are terminals; asking jansi would cost ~15 ms.
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0", "SSEWATCH_JAVA_OPTS", "-Xlog:class+load=info"),
                "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().startsWith("ssewatch: watching at http://127.0.0.1:"), r.toString());
        assertFalse(r.err().contains("\u001b"), r.toString());
        assertTrue(r.out().contains("org.ssewatch.cli.Terminals"), "the class-load log is there");
        assertFalse(r.out().contains("org.fusesource.jansi.internal.CLibrary"), "jansi's native library was loaded");
    }

    @Test
    void theHeapGetsTransparentHugePagesExactlyWhenTheKernelGivesThemOnlyToWhoAsks() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        // The JVM prints the flags it was given: the launcher's, then SSEWATCH_JAVA_OPTS.
        Result r = run(tmp, Map.of("SSEWATCH_CDS", "0", "SSEWATCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
                "bin/ssewatch", "--bind", "127.0.0.1", "--linger", "0", "--", "true");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("-XX:+UseSerialGC"), "the flags are printed: " + r);
        assertEquals(madvise, r.out().contains("-XX:+UseTransparentHugePages"), "mode " + madvise + ": " + r);
        assertTrue(r.err().startsWith("ssewatch: watching at http://127.0.0.1:") && r.err().lines().count() == 1,
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
        assertEquals(0, r.status(), r.toString());
        assertEquals("ok\n", r.out());
        assertTrue(r.err().startsWith("ssewatch: watching at http://127.0.0.1:") && r.err().lines().count() == 1, r.toString());
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
        assertEquals(0, r.status(), r.toString());
        assertEquals("ok\n", r.out());
        awaitArchive();
        // The run, then the training run and its check of the new archive.
        assertEquals(3, Files.readAllLines(runs).size(), "runs of the runtime beside the launcher");
        assertUsesTheArchive("the runtime beside the launcher", tmp, "bin/ssewatch");
    }
}
