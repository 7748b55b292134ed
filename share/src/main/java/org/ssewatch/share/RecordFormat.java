package org.ssewatch.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of a journal file, spill file and saved run alike (docs/RUN-FORMAT.md): a 16-byte
 * header, then one record per event, big-endian:
 * <pre>
 *   u32 body length | u32 CRC-32C of the body | body: u64 id, u8 type length, type (ASCII), payload
 * </pre>
 * The length comes first so that a reader can step over a record, and the checksum covers the
 * body, so that a record a crash cut short, or one the disk garbled, is told from a whole one.
 * One instance per writer or reader (the checksum's state is reused).
 *
 * <p>A spill file's records carry no checksum ({@link #NO_CHECKSUMS} in its header, 0 in each
 * record): it is read only by the process that wrote it, while that process runs, so there is no
 * crash to tell from, and summing every event cost a fifth of the journal's time per short line.
 */
final class RecordFormat {
    /** ‰SSEJ CR LF SUB: not text, and a transfer that mangles line ends shows in the magic. */
    static final byte[] MAGIC = {(byte) 0x89, 'S', 'S', 'E', 'J', '\r', '\n', 0x1a};
    static final int VERSION = 1;
    static final int HEADER = MAGIC.length + 4 + 4;
    /** Length and checksum before the body. */
    static final int PREFIX = 4 + 4;
    /** The body's id and type length. */
    static final int BODY_FIXED = 8 + 1;
    /** The header's flag for records written without a checksum. */
    static final int NO_CHECKSUMS = 1;

    private static final byte[] STDOUT = EventTypes.STDOUT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDERR = EventTypes.STDERR.getBytes(StandardCharsets.US_ASCII);

    private final CRC32C crc = new CRC32C();
    private final boolean checksums;

    /** Records with checksums (a saved journal), or without (a spill file). */
    RecordFormat(boolean checksums) {
        this.checksums = checksums;
    }

    boolean checksums() {
        return checksums;
    }

    /** The file's header: the magic, the format version, and the flags. */
    ByteBuffer header() {
        return ByteBuffer.allocate(HEADER).put(MAGIC).putInt(VERSION).putInt(checksums ? 0 : NO_CHECKSUMS).flip();
    }

    /** The version a header gives (its flags follow), or an IOException saying why it is no journal file. */
    static int version(ByteBuffer header) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        if (header.remaining() < HEADER) {
            throw new IOException("it is too short to be a journal file");
        }
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("it is not an ssewatch journal file");
        }
        return header.getInt();
    }

    /** Bytes a record takes in the file. */
    static int size(byte[] type, int payloadLength) {
        return PREFIX + BODY_FIXED + type.length + payloadLength;
    }

    /** Writes one record at {@code out}'s position, which must have room for {@link #size}. */
    void put(ByteBuffer out, long id, byte[] type, byte[] payload, int off, int len) {
        int at = out.position();
        out.position(at + PREFIX);
        out.putLong(id).put((byte) type.length).put(type).put(payload, off, len);
        int end = out.position();
        if (!checksums) {
            out.putInt(at, end - at - PREFIX).putInt(at + 4, 0);
            return;
        }
        int limit = out.limit();
        out.limit(end).position(at + PREFIX);
        crc.reset();
        crc.update(out); // a direct buffer's bytes are summed in place; position ends at end
        out.limit(limit);
        out.putInt(at, end - at - PREFIX).putInt(at + 4, (int) crc.getValue());
    }

    /** Whether {@code body} (from its position, {@code length} bytes, left unread) sums to {@code expected}. */
    boolean matches(ByteBuffer body, int length, int expected) {
        if (!checksums) {
            return true;
        }
        int at = body.position();
        int limit = body.limit();
        body.limit(at + length);
        crc.reset();
        crc.update(body);
        body.limit(limit).position(at);
        return (int) crc.getValue() == expected;
    }

    /** Types are ASCII identifiers; the two that nearly every event has are encoded once. */
    static byte[] typeBytes(String type) {
        return type.equals(EventTypes.STDOUT) ? STDOUT : type.equals(EventTypes.STDERR) ? STDERR
                : type.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The type read back from {@code b[off, off + len)}, where it lies in a read buffer: the shared
     * constant for the common ones (no new string, no re-check).
     */
    static String typeOf(byte[] b, int off, int len) throws IOException {
        if (Arrays.equals(b, off, off + len, STDOUT, 0, STDOUT.length)) {
            return EventTypes.STDOUT;
        }
        if (Arrays.equals(b, off, off + len, STDERR, 0, STDERR.length)) {
            return EventTypes.STDERR;
        }
        String other = new String(b, off, len, StandardCharsets.UTF_8);
        if (!Event.isValidType(other)) {
            throw new IOException("it holds a record of no valid type");
        }
        return other;
    }
}
