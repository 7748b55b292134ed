package org.ssewatch.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The append-only file that keeps events after they leave the journal's memory. Events arrive
 * in id order starting at 1; a sparse index (one offset every {@value #INDEX_EVERY} events) keeps
 * random access cheap without growing memory with the run. Records: id (8 bytes), type length (1),
 * type, payload length (4), payload.
 */
final class SpillFile implements AutoCloseable {
    private static final int INDEX_EVERY = 256;
    private static final int WRITE_BUFFER = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long maxBytes;
    /** Direct, so that a write goes to the kernel without the JDK copying it to a native buffer first. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private long[] index = new long[1024];
    private long size;
    private long flushedSize;
    private long lastId;
    private boolean full;

    SpillFile(Path dir, long maxBytes) {
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            this.path = Files.createTempFile(dir, "ssewatch-", ".spill");
            this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": " + e.getMessage(), e);
        }
        path.toFile().deleteOnExit();
    }

    /** Appends the next event; returns false, and keeps nothing more, once the file is full. */
    synchronized boolean append(long id, String eventType, byte[] payload, int off, int len) {
        if (full) {
            return false;
        }
        byte[] type = typeBytes(eventType);
        int recordSize = 8 + 1 + type.length + 4 + len;
        if (size + recordSize > maxBytes || id != lastId + 1) {
            full = true;
            return false;
        }
        long ordinal = id - 1;
        if (ordinal % INDEX_EVERY == 0) {
            int slot = (int) (ordinal / INDEX_EVERY);
            if (slot == index.length) {
                index = Arrays.copyOf(index, slot * 2);
            }
            index[slot] = size;
        }
        try {
            if (writeBuffer.remaining() < recordSize) {
                flush();
            }
            ByteBuffer target = recordSize > writeBuffer.capacity() ? ByteBuffer.allocate(recordSize) : writeBuffer;
            target.putLong(id).put((byte) type.length).put(type).putInt(len).put(payload, off, len);
            if (target != writeBuffer) {
                target.flip();
                writeFully(target, size);
                flushedSize += recordSize;
            }
        } catch (IOException ex) {
            full = true;
            return false;
        }
        size += recordSize;
        lastId = id;
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
    private static String typeOf(byte[] type) {
        return Arrays.equals(type, STDOUT) ? EventTypes.STDOUT : Arrays.equals(type, STDERR) ? EventTypes.STDERR
                : new String(type, StandardCharsets.UTF_8);
    }

    /** Whether the file has stopped taking events (its limit, or a failed write). */
    synchronized boolean isFull() {
        return full;
    }

    /** The last id kept, 0 when none. */
    synchronized long lastId() {
        return lastId;
    }

    /**
     * Reads events from {@code fromId} on into {@code out}. Any {@code fromId} is safe: one that is
     * not kept (below 1, past the last) delivers nothing.
     *
     * @return the id after the last one delivered ({@code fromId} if none was)
     */
    synchronized long read(long fromId, int maxEvents, long maxBytes, Consumer<Event> out) {
        if (fromId < 1 || fromId > lastId) {
            return fromId;
        }
        try {
            flush();
            Window in = new Window(index[(int) ((fromId - 1) / INDEX_EVERY)]);
            long next = fromId;
            int delivered = 0;
            long bytes = 0;
            while (next <= lastId && delivered < maxEvents && bytes < maxBytes) {
                in.require(13);
                long id = in.buf.getLong();
                int typeLen = in.buf.get() & 0xff;
                in.require(typeLen + 4);
                byte[] type = new byte[typeLen];
                in.buf.get(type);
                byte[] payload = in.take(in.buf.getInt());
                if (id >= next) {
                    out.accept(new Event(id, typeOf(type), payload));
                    next = id + 1;
                    delivered++;
                    bytes += payload.length;
                }
            }
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spill file " + path, e);
        }
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
                    throw new IOException("spill file ends early at " + (start + buf.position()));
                }
            }
            buf.flip();
        }

        byte[] take(int n) throws IOException {
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
                throw new IOException("spill file ends early at " + pos);
            }
            pos += n;
        }
    }

    private void flush() throws IOException {
        if (writeBuffer.position() == 0) {
            return;
        }
        writeBuffer.flip();
        writeFully(writeBuffer, flushedSize);
        flushedSize += writeBuffer.limit();
        writeBuffer.clear();
    }

    private void writeFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
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
