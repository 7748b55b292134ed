package org.ssewatch.share;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The append-only file that keeps events after they leave the journal's memory. Events arrive
 * in id order starting at 1; a sparse index (one offset every {@value #INDEX_EVERY} events) keeps
 * random access cheap without growing memory with the run. Records: id (8 bytes), type length (1),
 * type, payload length (4), payload.
 *
 * <p>What the file holds ({@link #lastId}, {@link #size}) only ever covers records that were
 * written whole: records still in the write buffer are not counted until they are written. When a
 * write fails (a full disk, an I/O error) the file ends at its last whole record and takes nothing
 * more, so what did not reach it becomes part of the gap readers are shown, like what the size
 * limit drops; when a read fails, the file ends before the record that could not be read. Either
 * is said once to {@code notices}.
 */
final class SpillFile implements AutoCloseable {
    private static final int INDEX_EVERY = 256;
    private static final int WRITE_BUFFER = 256 * 1024;
    /** A record's id, type length and payload length. */
    private static final int HEADER = 8 + 1 + 4;

    private final Path dir;
    private final Path path;
    private final FileChannel channel;
    private final long maxBytes;
    private final Consumer<String> notices;
    /** Direct, so that a write goes to the kernel without the JDK copying it to a native buffer first. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    /** Offsets of records 1, 1 + INDEX_EVERY, ...; entries past {@link #lastId} are never read. */
    private long[] index = new long[1024];
    /** The bytes written to the file, every one of them part of a whole record. */
    private long size;
    /** The last id written to the file, 0 when none. */
    private long lastId;
    /** The last id taken, written or still in the write buffer. */
    private long lastTaken;
    private boolean full;
    private boolean writeFailed;
    private boolean readFailed;

    SpillFile(Path dir, long maxBytes, Consumer<String> notices) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.notices = notices;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": it is not a directory",
                    new NotDirectoryException(dir.toString()));
        }
        try {
            Files.createDirectories(dir);
            this.path = Files.createTempFile(dir, "ssewatch-", ".spill");
            this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": " + reason(e), e);
        }
        path.toFile().deleteOnExit();
    }

    /**
     * Takes the next event; returns false, and takes nothing more, once the file is full (its limit,
     * or a write that failed). A record taken may still be lost, if writing it out fails later.
     */
    synchronized boolean append(long id, String eventType, byte[] payload, int off, int len) {
        if (full) {
            return false;
        }
        byte[] type = typeBytes(eventType);
        int recordSize = HEADER + type.length + len;
        if (size + writeBuffer.position() + recordSize > maxBytes || id != lastTaken + 1) {
            full = true;
            return false;
        }
        if (writeBuffer.remaining() < recordSize && !flush()) {
            return false;
        }
        long ordinal = id - 1;
        if (ordinal % INDEX_EVERY == 0) {
            int slot = (int) (ordinal / INDEX_EVERY);
            if (slot == index.length) {
                index = Arrays.copyOf(index, slot * 2);
            }
            index[slot] = size + writeBuffer.position();
        }
        if (recordSize > writeBuffer.capacity()) {
            return writeAlone(id, type, payload, off, len);
        }
        writeBuffer.putLong(id).put((byte) type.length).put(type).putInt(len).put(payload, off, len);
        lastTaken = id;
        return true;
    }

    /** A record larger than the write buffer, written at once (the buffer is empty). */
    private boolean writeAlone(long id, byte[] type, byte[] payload, int off, int len) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + type.length + len);
        record.putLong(id).put((byte) type.length).put(type).putInt(len).put(payload, off, len).flip();
        try {
            writeFully(record, size);
        } catch (IOException e) {
            onWriteError(e);
            return false;
        }
        size += record.limit();
        lastId = id;
        lastTaken = id;
        return true;
    }

    private static final byte[] STDOUT = EventTypes.STDOUT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDERR = EventTypes.STDERR.getBytes(StandardCharsets.US_ASCII);

    /** Types are ASCII identifiers; the two that nearly every event has are encoded once. */
    private static byte[] typeBytes(String type) {
        return type.equals(EventTypes.STDOUT) ? STDOUT : type.equals(EventTypes.STDERR) ? STDERR
                : type.getBytes(StandardCharsets.UTF_8);
    }

    /** The type read back: the shared constant for the common ones (no new string, no re-check). */
    private static String typeOf(byte[] type) throws IOException {
        if (Arrays.equals(type, STDOUT)) {
            return EventTypes.STDOUT;
        }
        if (Arrays.equals(type, STDERR)) {
            return EventTypes.STDERR;
        }
        String other = new String(type, StandardCharsets.UTF_8);
        if (!Event.isValidType(other)) {
            throw new IOException("it holds a record of no valid type");
        }
        return other;
    }

    /** Whether the file has stopped taking events (its limit, or a failed write or read). */
    synchronized boolean isFull() {
        return full;
    }

    /**
     * The last id in the file, 0 when none. What waits in the write buffer is written out first, so
     * that every event that left memory is either counted here or, if writing it failed, not kept.
     */
    synchronized long lastId() {
        flush();
        return lastId;
    }

    /**
     * Reads events from {@code fromId} on into {@code out}. Any {@code fromId} is safe: one that is
     * not kept (below 1, past the last) delivers nothing. A read that fails ends the file before
     * the record it could not read, so that readers are shown a gap from there instead of an error.
     *
     * @return the id after the last one delivered ({@code fromId} if none was)
     */
    synchronized long read(long fromId, int maxEvents, long maxBytes, Consumer<Event> out) {
        flush();
        if (fromId < 1 || fromId > lastId) {
            return fromId;
        }
        long block = (fromId - 1) / INDEX_EVERY;
        long next = fromId;
        // Records run 1, 2, 3, ... from the start of each indexed block: one that does not is damage.
        long reading = block * INDEX_EVERY + 1;
        try {
            Window in = new Window(index[(int) block]);
            int delivered = 0;
            long bytes = 0;
            while (next <= lastId && delivered < maxEvents && bytes < maxBytes) {
                in.require(HEADER);
                long id = in.buf.getLong();
                if (id != reading) {
                    throw new IOException("it holds event " + id + " where event " + reading + " belongs");
                }
                int typeLen = in.buf.get() & 0xff;
                in.require(typeLen + 4);
                byte[] type = new byte[typeLen];
                in.buf.get(type);
                byte[] payload = in.take(in.buf.getInt());
                reading++;
                if (id >= next) {
                    out.accept(new Event(id, typeOf(type), payload));
                    next = id + 1;
                    delivered++;
                    bytes += payload.length;
                }
            }
        } catch (IOException e) {
            onReadError(reading, e);
        }
        return next;
    }

    /** A buffered view of the file; {@code start} is the file offset of the buffer's index 0. */
    private final class Window {
        final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long start;

        Window(long offset) {
            start = offset;
            buf.limit(0);
        }

        void require(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            start += buf.position();
            buf.compact();
            while (buf.position() < n) {
                int got = channel.read(buf, start + buf.position());
                if (got < 0) {
                    throw endsEarly(start + buf.position());
                }
            }
            buf.flip();
        }

        byte[] take(int n) throws IOException {
            if (n < 0 || n > size) {
                throw new IOException("it holds a record of " + n + " bytes at byte " + (start + buf.position()));
            }
            byte[] out = new byte[n];
            if (n <= buf.capacity()) {
                require(n);
                buf.get(out);
                return out;
            }
            int have = buf.remaining();
            buf.get(out, 0, have);
            long offset = start + buf.position();
            readFully(ByteBuffer.wrap(out, have, n - have), offset);
            start = offset + (n - have);
            buf.clear().limit(0);
            return out;
        }
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                throw endsEarly(pos);
            }
            pos += n;
        }
    }

    private static IOException endsEarly(long pos) {
        return new EOFException("it ends early, at byte " + pos);
    }

    /**
     * Writes the buffer out. If that fails, the file keeps the records that reached it whole, and
     * the others are not kept.
     */
    private boolean flush() {
        if (writeBuffer.position() == 0) {
            return true;
        }
        writeBuffer.flip();
        try {
            writeFully(writeBuffer, size);
            size += writeBuffer.limit();
            lastId = lastTaken;
            return true;
        } catch (IOException e) {
            keepWholeRecords(writeBuffer.position());
            onWriteError(e);
            return false;
        } finally {
            writeBuffer.clear();
        }
    }

    /** Counts the records in the first {@code written} bytes of the buffer that were written whole. */
    private void keepWholeRecords(int written) {
        int at = 0;
        while (at + HEADER <= written) {
            int typeLen = writeBuffer.get(at + 8) & 0xff;
            if (at + HEADER + typeLen > written) {
                break;
            }
            int end = at + HEADER + typeLen + writeBuffer.getInt(at + 9 + typeLen);
            if (end > written) {
                break;
            }
            lastId = writeBuffer.getLong(at);
            at = end;
        }
        size += at;
    }

    private void writeFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
    }

    /** Ends the file at {@link #size}, its last whole record, and says so once. */
    private void onWriteError(IOException e) {
        full = true;
        lastTaken = lastId;
        try {
            channel.truncate(size);
        } catch (IOException ignored) {
            // A part of a record may stay behind; it is past lastId, where nothing is read.
        }
        if (!writeFailed) {
            writeFailed = true;
            notices.accept("the spill file in " + dir + " could not be written (" + reason(e) + "): output from event "
                    + (lastId + 1) + " on is not kept once it leaves memory, and viewers are shown a gap there; "
                    + "the command runs on");
        }
    }

    /** Ends the file before event {@code id}, which could not be read, and says so once. */
    private void onReadError(long id, IOException e) {
        long lost = lastId;
        // The write buffer is empty (read() wrote it out first), and stays so: nothing more is taken.
        full = true;
        lastId = Math.min(lastId, id - 1);
        lastTaken = lastId;
        if (!readFailed) {
            readFailed = true;
            notices.accept("the spill file in " + dir + " could not be read (" + reason(e) + "): events " + id + "-"
                    + lost + " are lost, and later output is not kept once it leaves memory; "
                    + "viewers are shown a gap there");
        }
    }

    /** The system's reason for an I/O error, without the file's name again. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The file is deleted on close; nothing else to save.
        }
    }
}
