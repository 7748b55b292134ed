package org.ssewatch.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A saved run's journal file, read on demand: opening it reads its header, its index file and the
 * records after the index's last entry (to find the last whole record), never the whole journal,
 * so that a run of any length opens at once and memory does not grow with it (beyond the index's
 * 8 bytes per 256 events). A torn tail (a record a crash cut short) is left out and reported.
 *
 * <p>A journal that ends without an exit event (ssewatch was killed, the machine lost power, the
 * disk filled up) is given one by the caller, past its last event, so that every viewer sees the
 * run end instead of waiting for ever; ids between the two are one gap.
 */
final class SavedJournal implements ReadableJournal, AutoCloseable {
    private final JournalFile file;
    private final long stored;
    private final Event last;
    private final Event interrupted;
    private final long tornBytes;
    private final long recordsScanned;

    private SavedJournal(JournalFile file, long stored, Event last, Event interrupted, long tornBytes, long recordsScanned) {
        this.file = file;
        this.stored = stored;
        this.last = last;
        this.interrupted = interrupted;
        this.tornBytes = tornBytes;
        this.recordsScanned = recordsScanned;
    }

    /**
     * Opens {@code journal} with its index file beside it (which may be missing or behind: then more
     * is read). {@code ending} makes the exit event of a journal that has none, from its last event.
     *
     * @throws IOException saying what is wrong, for the user
     */
    static SavedJournal open(Path journal, Path indexFile, java.util.function.Function<Event, Event> ending,
            Consumer<String> notices) throws IOException {
        FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER);
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // fills the header
            }
            int version = RecordFormat.version(header.flip());
            if (version != RecordFormat.VERSION) {
                throw new IOException("it is in journal format " + version + ", and this ssewatch reads format "
                        + RecordFormat.VERSION + " only");
            }
            boolean checksums = (header.getInt() & RecordFormat.NO_CHECKSUMS) == 0;
            SparseIndex index = readIndex(indexFile);
            int block = lastGoodBlock(channel, index, size, checksums);
            RecordReader in = new RecordReader(channel, index.offset(block), size, checksums);
            long id = SparseIndex.firstIdOf(block);
            Event lastEvent = null;
            long scanned = 0;
            while (in.offset() < size) {
                long at = in.offset();
                Event e;
                try {
                    e = in.next(id);
                } catch (IOException torn) {
                    size = at; // what follows is not a whole record: left out
                    break;
                }
                scanned++;
                if (SparseIndex.starts(id) && SparseIndex.blockOf(id) == index.count()) {
                    index.add(at);
                }
                lastEvent = e;
                id++;
            }
            long torn = channel.size() - size;
            long stored = id - 1;
            JournalFile file = JournalFile.readOnly("the saved journal " + journal, channel, index, size, stored, checksums,
                    notices);
            Event ended = lastEvent != null && lastEvent.type().equals(EventTypes.EXIT) ? null : ending.apply(lastEvent);
            return new SavedJournal(file, stored, lastEvent, ended, torn, scanned);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SparseIndex readIndex(Path indexFile) throws IOException {
        SparseIndex index;
        try (FileChannel c = FileChannel.open(indexFile, StandardOpenOption.READ)) {
            index = SparseIndex.read(c);
        } catch (NoSuchFileException e) {
            index = new SparseIndex(null);
        }
        if (index.count() == 0 || index.offset(0) != RecordFormat.HEADER) {
            index.truncate(0);
            index.add(RecordFormat.HEADER);
        }
        return index;
    }

    /** The last block whose first record the index finds where it says; the entries after it are dropped. */
    private static int lastGoodBlock(FileChannel channel, SparseIndex index, long size, boolean checksums) {
        for (int block = index.count() - 1; block > 0; block--) {
            long offset = index.offset(block);
            if (offset > RecordFormat.HEADER && offset < size && offset > index.offset(block - 1)) {
                try {
                    new RecordReader(channel, offset, size, checksums).next(SparseIndex.firstIdOf(block));
                    return block;
                } catch (IOException e) {
                    // behind the journal or damaged: look at the one before
                }
            }
            index.truncate(block);
        }
        return 0;
    }

    /** Bytes at the end of the file that are not a whole record, left out; 0 for a whole file. */
    long tornBytes() {
        return tornBytes;
    }

    /** Records read to open it: those after the index's last entry, not the whole journal. */
    long recordsScanned() {
        return recordsScanned;
    }

    /** The last event stored, or null for a journal with none. */
    Event lastStored() {
        return last;
    }

    /** The exit event given to a journal that has none (it may follow a gap), or null when it ended with its own. */
    Event interruption() {
        return interrupted;
    }

    @Override
    public long lastId() {
        return interrupted != null ? interrupted.id() : stored;
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    @Override
    public long oldestInMemory() {
        return lastId() + 1;
    }

    @Override
    public long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out) {
        long after = Math.max(afterId, 0);
        if (after >= lastId()) {
            return after;
        }
        long next = after + 1;
        long[] delivered = {0};
        if (next <= stored) {
            next = file.read(next, maxEvents, maxBytes, e -> {
                out.accept(e);
                delivered[0]++;
            });
            if (next <= stored && next <= file.lastId()) {
                return next - 1; // the limits
            }
            if (next <= stored) {
                // A record that could not be read: the file ends before it now, and what follows is
                // one gap, up to the last event, which opening read and which still ends the run.
                if (next < stored) {
                    out.accept(Journal.gap(next, stored - 1));
                    next = stored;
                    delivered[0]++;
                }
                if (delivered[0] >= maxEvents) {
                    return next - 1;
                }
                out.accept(last);
                next = stored + 1;
            }
        }
        if (interrupted != null && next < interrupted.id() && delivered[0] < maxEvents) {
            out.accept(Journal.gap(next, interrupted.id() - 1)); // what the saved journal missed
            next = interrupted.id();
            delivered[0]++;
        }
        if (interrupted != null && next == interrupted.id() && delivered[0] < maxEvents) {
            out.accept(interrupted);
            next++;
        }
        return next - 1;
    }

    /** {@inheritDoc} The stored events are given where they lie in the file's read buffer. */
    @Override
    public long scan(long afterId, int maxEvents, long maxBytes, EventSink out) {
        long after = Math.max(afterId, 0);
        if (after < stored) {
            long next = file.scan(after + 1, maxEvents, maxBytes, out);
            if (next > after + 1) {
                return next - 1;
            }
        }
        // Past the stored events, or a record that could not be read: read says what stands there.
        return ReadableJournal.super.scan(afterId, maxEvents, maxBytes, out);
    }

    @Override
    public void addListener(Runnable listener) {
        // nothing is ever appended
    }

    @Override
    public void removeListener(Runnable listener) {
        // nothing is ever appended
    }

    @Override
    public void close() {
        file.close();
    }
}
