package org.ssewatch.share;

import java.io.IOException;
import java.nio.ByteBuffer;
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

    /** The temporary file the next run.json is written to, kept with room for it. */
    static final String RESERVE = "." + METADATA + ".tmp";
    private static final int RESERVE_BYTES = 4096;

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

    /**
     * Replaces the metadata whole, on disk before it returns. The temporary file it is written to
     * was made, with room to spare, after the previous rename: overwriting its blocks needs none
     * from the disk, so the metadata written at the end of a run that filled the disk still fits.
     */
    void writeMetadata(RunMetadata metadata) throws IOException {
        Path tmp = dir.resolve(RESERVE);
        byte[] json = metadata.toJson();
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(json);
            long at = 0;
            while (b.hasRemaining()) {
                at += c.write(b, at);
            }
            c.truncate(json.length);
            c.force(true);
        }
        Files.move(tmp, metadataFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        reserve(tmp);
    }

    /** Makes the next temporary file, of {@value #RESERVE_BYTES} bytes; without it, the next write just needs the room. */
    private static void reserve(Path tmp) {
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(RESERVE_BYTES);
            while (zeros.hasRemaining()) {
                c.write(zeros, zeros.position());
            }
            c.force(true);
        } catch (IOException e) {
            // a full disk already: the next write tries anyway
        }
    }
}
