package org.ssewatch.share;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real filesystem that fills up: a tmpfs of a few hundred KiB, mounted for one test. Mounting
 * needs root, so without it (or where mounting is not allowed, as in some containers) the test is
 * skipped with a message saying why, rather than passing without having run.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** A tmpfs of {@code kib} KiB, or the calling test skipped. */
    public static SmallDisk mount(int kib) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: mounting a small tmpfs to fill up needs root (running as " + System.getProperty("user.name") + ")");
        Path dir = Files.createTempDirectory("ssewatch-small-disk-");
        int status = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
        if (status != 0) {
            Files.delete(dir);
        }
        assumeTrue(status == 0, "skipped: cannot mount a tmpfs here (mount exited with " + status + ")");
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazily: a spill file still open (a test that failed before closing its journal) must not
        // leave the mount behind.
        run("umount", "-l", dir.toString());
        Files.deleteIfExists(dir);
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
