package org.ssewatch.share;

import com.sun.jna.Function;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The named pipe of one run, {@code SSEWATCH_EVENTS}: {@code events} in a new directory only this
 * user may enter (0700), removed with it when the run ends.
 *
 * <p>A FIFO rather than a Unix socket, because every language, and a shell's {@code echo >},
 * can open a path and write a line to it; a socket needs a client that connects. A write of at
 * most PIPE_BUF (4096) bytes to a FIFO is atomic, so the lines of concurrent writers (a script's
 * background jobs) never interleave. ssewatch holds it open for reading and writing: a writer's
 * open never waits for a reader, and the reader never sees the end of the file when a writer
 * closes it.
 */
final class EventFifo implements AutoCloseable {
    private static final int MODE = 0600;

    private final Path dir;
    private final Path path;
    private final FileChannel channel;

    private EventFifo(Path dir, Path path, FileChannel channel) {
        this.dir = dir;
        this.path = path;
        this.channel = channel;
    }

    /** A new FIFO in a new private directory under {@code parent}. */
    static EventFifo create(Path parent) throws IOException {
        Path dir = Files.createTempDirectory(parent, "ssewatch-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path path = dir.resolve("events");
        try {
            mkfifo(path);
            return new EventFifo(dir, path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    private static void mkfifo(Path path) throws IOException {
        int result;
        try {
            result = Function.getFunction("c", "mkfifo").invokeInt(new Object[] {path.toString(), MODE});
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("cannot make a FIFO without JNA's native library: " + e.getMessage(), e);
        }
        if (result != 0 || !Files.exists(path)) {
            throw new IOException("mkfifo " + path + " failed");
        }
    }

    Path path() {
        return path;
    }

    /** The reading end (also open for writing, see above). */
    FileChannel channel() {
        return channel;
    }

    /** Writes {@code line} through a channel of its own: one read blocked in {@link #channel} holds that one's lock. */
    void write(byte[] line) throws IOException {
        try (FileChannel w = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                w.write(b);
            }
        }
    }

    /** Removes the path first, so that a late {@code ssewatch emit} says the run is over. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
            try {
                Files.deleteIfExists(dir);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // A writer that opened the path as it went (a shell's <> creates a file): once more.
                Files.deleteIfExists(path);
                Files.deleteIfExists(dir);
            }
        } finally {
            channel.close();
        }
    }
}
