package org.ssewatch.share;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of an array tested at once, as one {@code long}: finding line ends and checking
 * that a line needs no escaping are the two scans over every byte the command prints, and a
 * word at a time they cost an eighth of the branches.
 */
final class WordScan {
    /** Little-endian, so the lowest byte of a word is the first in the array. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** 0x01 in every byte: {@code ONES * b} is byte b eight times. */
    static final long ONES = 0x0101010101010101L;
    /** The high bit of every byte. */
    static final long HIGHS = 0x8080808080808080L;

    private WordScan() {
    }

    /** The eight bytes from {@code i}; {@code b} must have them. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * A word whose high bits mark the bytes of {@code w} that are zero; {@code & HIGHS} keeps only
     * them. A false mark can only follow (be above) a true one, so the lowest is exact and there
     * is none when no byte is zero. {@code zeroMarks(w ^ ONES * c)} marks the bytes equal to c.
     * Callers combine the marks of several tests and mask once: these scans are the ingest's
     * innermost loops.
     */
    static long zeroMarks(long w) {
        return (w - ONES) & ~w;
    }
}
