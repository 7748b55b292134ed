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
     * The high bit set in each byte of {@code w} that is zero. A false one can only follow (be
     * above) a true one, so the lowest set bit is exact, and the result is 0 exactly when no
     * byte is zero. {@code zeroBytes(w ^ ONES * c)} finds the bytes equal to c.
     */
    static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }
}
