package org.ssewatch.share.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The bytes a run directory holds, as {@code ls -l} counts them (the files' sizes, not the
 * blocks they take), for {@code --max-disk}: the same number on every file system, so a cap
 * means the same everywhere.
 */
final class DiskUsage {
    private DiskUsage() {
    }

    /** The sum of the sizes of the regular files under {@code dir}; 0 when it is gone. */
    static long of(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(DiskUsage::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // gone, or removed while walked (retention)
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** 10.2 MB, 512 KB, 900 bytes: the words for a size in a refusal or a notice (powers of 1024). */
    static String words(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : String.format(java.util.Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }
}
