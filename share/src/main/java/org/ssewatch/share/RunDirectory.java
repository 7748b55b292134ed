package org.ssewatch.share;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a saved run lives (docs/RUN-FORMAT.md): {@value #METADATA}, its metadata, replaced whole
 * (a temporary file renamed over it, so a reader sees the old or the new, never half of one);
 * {@value #JOURNAL}, every event, append-only; and {@value #INDEX}, where every 256th record starts.
 */
public final class RunDirectory {
    public static final String METADATA = "run.json";
    public static final String JOURNAL = "events.journal";
    public static final String INDEX = "events.index";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The layout of an existing directory, to read. */
    static RunDirectory at(Path dir) {
        return new RunDirectory(dir);
    }

    /**
     * Makes {@code dir} (and its parents) a new run directory. A directory that exists must be
     * empty: a saved run is never overwritten or mixed with other files.
     *
     * @throws IOException with a sentence for the user
     */
    public static RunDirectory create(Path dir) throws IOException {
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new IOException(dir + " exists and is not an empty directory (a saved run is never overwritten)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + ": " + JournalFile.reason(e), e);
        }
        return new RunDirectory(dir);
    }

    /** Whether {@code dir} is a directory with nothing in it. */
    public static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    public Path dir() {
        return dir;
    }

    public Path metadataFile() {
        return dir.resolve(METADATA);
    }

    Path journalFile() {
        return dir.resolve(JOURNAL);
    }

    Path indexFile() {
        return dir.resolve(INDEX);
    }

    /** Replaces the metadata whole, on disk before it returns. */
    void writeMetadata(RunMetadata metadata) throws IOException {
        Path tmp = dir.resolve("." + METADATA + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(metadata.toJson());
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(tmp, metadataFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
