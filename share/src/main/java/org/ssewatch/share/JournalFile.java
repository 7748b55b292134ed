package org.ssewatch.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An append-only file of events in id order from 1, in {@link RecordFormat}: the spill file that
 * keeps what leaves the journal's memory, and a saved run's journal, which takes every event as it
 * is journaled and outlives the process. A {@link SparseIndex} keeps random access cheap.
 *
 * <p>What the file holds ({@link #lastId}) only ever covers records that were written whole:
 * records still in the write buffer are not counted until they are written. When a write fails (a
 * full disk, an I/O error) the file ends at its last whole record and takes nothing more, so what
 * did not reach it becomes part of the gap readers are shown, like what the size limit drops; when
 * a read fails, the file ends before the record that could not be read. Either is said once to
 * {@code notices}.
 */
final class JournalFile implements AutoCloseable {
    private static final int WRITE_BUFFER = 256 * 1024;
    static final int WRITE_BEHIND_MS = 20;
    /** The largest read buffer a reader grows: a search reads the file in blocks this large. */
    private static final int SCAN_BUFFER = 512 * 1024;

    /** How the notices name it: "the spill file in DIR", "the saved journal FILE". */
    private final String name;
    private final FileChannel channel;
    private final long maxBytes;
    private final Consumer<String> notices;
    private final RecordFormat format;
    /** Direct, so that a write goes to the kernel without the JDK copying it to a native buffer first. */
    private final ByteBuffer writeBuffer;
    private final SparseIndex index;
    /** The bytes in the file, every one of them part of the header or of a whole record. */
    private long size;
    /** The last id written to the file, 0 when none. */
    private long lastId;
    /** The last id taken, written or still in the write buffer. */
    private long lastTaken;
    private boolean full;
    private String writeProblem;
    private boolean readFailed;
    private volatile boolean closed;

    private JournalFile(String name, FileChannel channel, long maxBytes, Consumer<String> notices, ByteBuffer writeBuffer,
            SparseIndex index, boolean checksums) {
        this.format = new RecordFormat(checksums);
        this.name = name;
        this.channel = channel;
        this.maxBytes = maxBytes;
        this.notices = notices;
        this.writeBuffer = writeBuffer;
        this.index = index;
    }

    /** A new spill file in {@code dir}, deleted when closed, of {@code maxBytes} at most. */
    static JournalFile spill(Path dir, long maxBytes, Consumer<String> notices) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": it is not a directory",
                    new NotDirectoryException(dir.toString()));
        }
        Path path;
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            path = Files.createTempFile(dir, "ssewatch-", ".spill");
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": " + reason(e), e);
        }
        path.toFile().deleteOnExit();
        return writable("the spill file in " + dir, channel, maxBytes, notices, null, false);
    }

    /** A saved run's new journal, {@code file}, with its index file beside it; kept when closed. */
    static JournalFile save(Path file, Path indexFile, Consumer<String> notices) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel idx = FileChannel.open(indexFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            JournalFile saved = writable("the saved journal " + file, channel, Long.MAX_VALUE, notices, idx, true);
            saved.writeBehind();
            return saved;
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(channel);
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new UncheckedIOException("cannot create " + file + ": " + reason(cause), cause);
        }
    }

    private static JournalFile writable(String name, FileChannel channel, long maxBytes, Consumer<String> notices,
            FileChannel indexFile, boolean checksums) {
        JournalFile f = new JournalFile(name, channel, maxBytes, notices, ByteBuffer.allocateDirect(WRITE_BUFFER),
                new SparseIndex(indexFile), checksums);
        try {
            ByteBuffer header = f.format.header();
            f.writeFully(header, 0);
            f.size = RecordFormat.HEADER;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot write " + name + ": " + reason(e), e);
        }
        return f;
    }

    /**
     * Writes what the buffer holds every {@value #WRITE_BEHIND_MS} ms, so that a saved run loses at
     * most that much of its output when the process is killed (kill -9 leaves what was written in
     * the page cache): one write per event would cost the command's output a system call per line.
     */
    private void writeBehind() {
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(WRITE_BEHIND_MS);
                } catch (InterruptedException e) {
                    return;
                }
                flush();
            }
        }, "ssewatch-save");
        t.setDaemon(true);
        t.start();
    }

    /** An existing file, read only: what {@link JournalFileOpening} found in it. */
    static JournalFile readOnly(String name, FileChannel channel, SparseIndex index, long size, long lastId,
            boolean checksums, Consumer<String> notices) {
        JournalFile f = new JournalFile(name, channel, 0, notices, ByteBuffer.allocate(0), index, checksums);
        f.size = size;
        f.lastId = lastId;
        f.lastTaken = lastId;
        f.full = true;
        return f;
    }

    /**
     * Takes the next event; returns false, and takes nothing more, once the file is full (its limit,
     * or a write that failed). A record taken may still be lost, if writing it out fails later.
     */
    synchronized boolean append(long id, String eventType, byte[] payload, int off, int len) {
        if (full) {
            return false;
        }
        byte[] type = RecordFormat.typeBytes(eventType);
        int recordSize = RecordFormat.size(type, len);
        if (size + writeBuffer.position() + recordSize > maxBytes || id != lastTaken + 1) {
            full = true;
            return false;
        }
        if (writeBuffer.remaining() < recordSize && !flush()) {
            return false;
        }
        if (SparseIndex.starts(id)) {
            index.add(size + writeBuffer.position());
        }
        if (recordSize > writeBuffer.capacity()) {
            return writeAlone(id, type, payload, off, len, recordSize);
        }
        format.put(writeBuffer, id, type, payload, off, len);
        lastTaken = id;
        return true;
    }

    /** A record larger than the write buffer, written at once (the buffer is empty). */
    private boolean writeAlone(long id, byte[] type, byte[] payload, int off, int len, int recordSize) {
        ByteBuffer record = ByteBuffer.allocate(recordSize);
        format.put(record, id, type, payload, off, len);
        record.flip();
        try {
            writeFully(record, size);
        } catch (IOException e) {
            onWriteError(e);
            return false;
        }
        size += record.limit();
        lastId = id;
        lastTaken = id;
        index.writeBelow(size);
        return true;
    }

    /** Whether the file has stopped taking events (its limit, or a failed write or read). */
    synchronized boolean isFull() {
        return full;
    }

    /** Why the file stopped taking events before its limit (a failed write), or null. */
    synchronized String writeProblem() {
        return writeProblem;
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
    long read(long fromId, int maxEvents, long maxBytes, Consumer<Event> out) {
        return scan(fromId, maxEvents, maxBytes, EventSink.copying(out));
    }

    /**
     * {@link #read}, each payload given where it lies in the read buffer, until {@code out} says
     * stop. The records are read outside the lock (what the file holds below its size is never
     * written again), so that readers, two searches say, read side by side, and beside the writer.
     */
    long scan(long fromId, int maxEvents, long maxBytes, EventSink out) {
        long last;
        long end;
        long offset;
        int block = SparseIndex.blockOf(fromId);
        synchronized (this) {
            flush();
            if (fromId < 1 || fromId > lastId) {
                return fromId;
            }
            last = lastId;
            end = size;
            offset = index.offset(block);
        }
        long next = fromId;
        // Records run 1, 2, 3, ... from the start of each indexed block: one that does not is damage.
        long reading = SparseIndex.firstIdOf(block);
        try {
            RecordReader in = new RecordReader(channel, offset, end, format.checksums(), SCAN_BUFFER);
            int[] delivered = {0};
            long[] bytes = {0};
            boolean[] goOn = {true};
            long wanted = next;
            EventSink counted = (id, type, b, off, len) -> {
                if (id < wanted) {
                    return true; // before fromId, in the same block
                }
                delivered[0]++;
                bytes[0] += len;
                goOn[0] = out.accept(id, type, b, off, len);
                return goOn[0];
            };
            while (reading <= last && delivered[0] < maxEvents && bytes[0] < maxBytes && goOn[0]) {
                in.next(reading, counted);
                reading++;
            }
            next = Math.max(fromId, reading);
        } catch (IOException e) {
            next = Math.max(fromId, reading);
            synchronized (this) {
                if (!closed) { // closed while this read went on (the run is over): nothing was lost
                    onReadError(reading, e);
                }
            }
        }
        return next;
    }

    /**
     * Writes the buffer out. If that fails, the file keeps the records that reached it whole, and
     * the others are not kept.
     */
    synchronized boolean flush() {
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
            index.writeBelow(size);
        }
    }

    /** Counts the records in the first {@code written} bytes of the buffer that were written whole. */
    private void keepWholeRecords(int written) {
        int at = 0;
        while (at + RecordFormat.PREFIX + 8 <= written) {
            int end = at + RecordFormat.PREFIX + writeBuffer.getInt(at);
            if (end > written) {
                break;
            }
            lastId = writeBuffer.getLong(at + RecordFormat.PREFIX);
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
        index.truncate(SparseIndex.blockOf(lastId + 1) + (SparseIndex.starts(lastId + 1) ? 0 : 1));
        try {
            channel.truncate(size);
        } catch (IOException ignored) {
            // A part of a record may stay behind; it is past lastId, where nothing is read.
        }
        if (writeProblem == null) {
            writeProblem = name + " could not be written (" + reason(e) + ")";
            notices.accept(writeProblem + ": output from event " + (lastId + 1) + " on is not kept once it leaves memory, "
                    + "and viewers are shown a gap there; the command runs on");
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
            notices.accept(name + " could not be read (" + reason(e) + "): events " + id + "-"
                    + lost + " are lost, " + (writeBuffer.capacity() == 0 ? "" : "and later output is not kept once it "
                    + "leaves memory; ") + "viewers are shown a gap there");
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

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what is reported
            }
        }
    }

    /** Writes out what is buffered and, for a saved journal, waits until the disk has it. */
    synchronized void sync() {
        if (flush() && index.isSaved()) {
            try {
                channel.force(false);
            } catch (IOException e) {
                onWriteError(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        sync();
        index.close();
        closeQuietly(channel);
    }
}
