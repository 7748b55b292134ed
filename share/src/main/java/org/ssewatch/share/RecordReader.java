package org.ssewatch.share;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the records of a journal file one after another from a position, through a buffer, and
 * checks each: its length, its checksum, and that its id is the one expected. What fails a check
 * is an IOException saying what is wrong and where; the caller decides what that means (a torn
 * tail on opening, a gap while reading).
 */
final class RecordReader {
    private final FileChannel channel;
    private final long end;
    private final RecordFormat format;
    private ByteBuffer buf;
    private final int maxBuffer;
    /** The file offset of the buffer's index 0. */
    private long start;

    /** Reads from {@code offset}; nothing at or past {@code end} is taken as part of a record. */
    RecordReader(FileChannel channel, long offset, long end, boolean checksums) {
        this(channel, offset, end, checksums, 64 * 1024);
    }

    /**
     * The same, through a buffer that doubles each time it is read again, up to {@code maxBufferBytes}:
     * a reader going through many records reads fewer, larger blocks, and a short read stays cheap.
     */
    RecordReader(FileChannel channel, long offset, long end, boolean checksums, int maxBufferBytes) {
        this.buf = ByteBuffer.allocate(Math.min(64 * 1024, maxBufferBytes));
        this.maxBuffer = maxBufferBytes;
        this.format = new RecordFormat(checksums);
        this.channel = channel;
        this.end = end;
        this.start = offset;
        buf.limit(0);
    }

    /** The file offset of the next record. */
    long offset() {
        return start + buf.position();
    }

    /** The next record, which must be event {@code id}, as an event with its own payload. */
    Event next(long id) throws IOException {
        Event[] got = {null};
        next(id, EventSink.copying(e -> got[0] = e));
        return got[0];
    }

    /**
     * The next record, which must be event {@code id}, given to {@code out} where it lies in the
     * buffer (a record larger than the buffer in an array of its own); returns what {@code out} did.
     */
    boolean next(long id, EventSink out) throws IOException {
        long at = offset();
        require(RecordFormat.PREFIX);
        int length = buf.getInt();
        int sum = buf.getInt();
        if (length < RecordFormat.BODY_FIXED || length > end - at - RecordFormat.PREFIX) {
            throw new IOException("it holds a record of " + length + " bytes at byte " + at);
        }
        ByteBuffer body;
        if (length <= buf.capacity()) {
            require(length);
            body = buf;
        } else {
            byte[] whole = new byte[length];
            int have = buf.remaining();
            buf.get(whole, 0, have);
            long from = start + buf.position();
            readFully(ByteBuffer.wrap(whole, have, length - have), from);
            start = from + (length - have);
            buf.clear().limit(0);
            body = ByteBuffer.wrap(whole);
        }
        if (!format.matches(body, length, sum)) {
            throw new IOException("its record at byte " + at + " does not match its checksum");
        }
        int bodyAt = body.position();
        long found = body.getLong(bodyAt);
        if (found != id) {
            throw new IOException("it holds event " + found + " where event " + id + " belongs");
        }
        int typeLength = body.get(bodyAt + 8) & 0xff;
        int payloadLength = length - RecordFormat.BODY_FIXED - typeLength;
        if (payloadLength < 0) {
            throw new IOException("its record at byte " + at + " is shorter than its type");
        }
        byte[] a = body.array();
        int typeAt = body.arrayOffset() + bodyAt + RecordFormat.BODY_FIXED;
        String type = RecordFormat.typeOf(a, typeAt, typeLength);
        body.position(bodyAt + length);
        return out.accept(id, type, a, typeAt + typeLength, payloadLength);
    }

    private void require(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        start += buf.position();
        if (buf.capacity() < maxBuffer && buf.position() > 0) { // read through once: the reader goes on
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(maxBuffer, buf.capacity() * 2));
            buf = bigger.put(buf);
        } else {
            buf.compact();
        }
        while (buf.position() < n) {
            int got = channel.read(buf, start + buf.position());
            if (got < 0) {
                throw endsEarly(start + buf.position());
            }
        }
        buf.flip();
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
}
