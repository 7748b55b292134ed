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
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    /** The file offset of the buffer's index 0. */
    private long start;

    /** Reads from {@code offset}; nothing at or past {@code end} is taken as part of a record. */
    RecordReader(FileChannel channel, long offset, long end, boolean checksums) {
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

    /** The next record, which must be event {@code id}. */
    Event next(long id) throws IOException {
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
        long found = body.getLong();
        if (found != id) {
            throw new IOException("it holds event " + found + " where event " + id + " belongs");
        }
        int typeLength = body.get() & 0xff;
        int payloadLength = length - RecordFormat.BODY_FIXED - typeLength;
        if (payloadLength < 0) {
            throw new IOException("its record at byte " + at + " is shorter than its type");
        }
        byte[] type = new byte[typeLength];
        body.get(type);
        byte[] payload = new byte[payloadLength];
        body.get(payload);
        return new Event(id, RecordFormat.typeOf(type), payload);
    }

    private void require(int n) throws IOException {
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
