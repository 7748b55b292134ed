package org.ssewatch.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Where every {@value #EVERY}th record of a journal file starts (records 1, 1 + EVERY, ...): random
 * access by id reads at most EVERY records, and memory grows by 8 bytes per EVERY events. A saved
 * run also appends the offsets to a file beside its journal, so that opening it later reads them
 * instead of the whole journal; entries there are written only after the records they point to.
 */
final class SparseIndex {
    static final int EVERY = 256;

    private long[] offsets = new long[1024];
    private int count;
    /** The saved run's index file, or null; entries from {@code written} on are still to go to it. */
    private final FileChannel file;
    private int written;

    SparseIndex(FileChannel file) {
        this.file = file;
    }

    /** Whether record {@code id} starts a block, so that its offset is to be {@link #add}ed. */
    static boolean starts(long id) {
        return (id - 1) % EVERY == 0;
    }

    static long firstIdOf(int block) {
        return (long) block * EVERY + 1;
    }

    static int blockOf(long id) {
        return (int) ((id - 1) / EVERY);
    }

    /** The offset of the next block's first record. */
    void add(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
    }

    /** The offset of block {@code block}'s first record; the caller knows it exists. */
    long offset(int block) {
        return offsets[block];
    }

    int count() {
        return count;
    }

    /** Forgets the blocks from {@code n} on (their records were not written after all). */
    void truncate(int n) {
        count = Math.min(count, n);
        written = Math.min(written, count);
    }

    /**
     * Appends to the index file the entries of records that are now in the journal file, those
     * below {@code journalSize}. A failure is not reported: the journal is whole without its
     * index, and opening it reads the records the index misses instead.
     */
    void writeBelow(long journalSize) {
        if (file == null) {
            return;
        }
        int upTo = written;
        while (upTo < count && offsets[upTo] < journalSize) {
            upTo++;
        }
        if (upTo == written) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate((upTo - written) * 8);
        for (int i = written; i < upTo; i++) {
            b.putLong(offsets[i]);
        }
        b.flip();
        try {
            long pos = (long) written * 8;
            while (b.hasRemaining()) {
                pos += file.write(b, pos);
            }
            written = upTo;
        } catch (IOException e) {
            // see above: the journal does not depend on it
        }
    }

    /** Whether the entries also go to an index file: the journal is a saved run's. */
    boolean isSaved() {
        return file != null;
    }

    void close() {
        if (file != null) {
            try {
                file.force(false);
                file.close();
            } catch (IOException e) {
                // see writeBelow
            }
        }
    }

    /** Reads the entries an index file holds (a torn last entry is left out). */
    static SparseIndex read(FileChannel file) throws IOException {
        SparseIndex index = new SparseIndex(null);
        int n = (int) Math.min(Integer.MAX_VALUE / 2, file.size() / 8);
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        while (index.count < n) {
            b.clear().limit((int) Math.min(b.capacity(), (n - index.count) * 8L));
            while (b.hasRemaining() && file.read(b, pos + b.position()) >= 0) {
                // fills the buffer
            }
            b.flip();
            pos += b.limit();
            if (b.remaining() < 8) {
                break;
            }
            while (b.remaining() >= 8) {
                index.add(b.getLong());
            }
        }
        return index;
    }
}
