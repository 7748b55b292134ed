package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiBytesTest {
    @Test
    void numbersAreWrittenAsLongToStringWritesThem() {
        for (long n : new long[] {0, 9, 10, 99, 100, 1234567890123L, (1L << 53) - 1, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE}) {
            String expected = Long.toString(n);
            assertEquals(expected.length(), AsciiBytes.digits(n), expected);
            ByteBuffer b = ByteBuffer.allocate(32);
            b.put((byte) '<');
            AsciiBytes.putDigits(n, b);
            assertEquals("<" + expected, new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
            byte[] a = new byte[32];
            int end = AsciiBytes.putDigits(n, AsciiBytes.digits(n), a, 1);
            assertEquals(expected, new String(a, 1, end - 1, StandardCharsets.US_ASCII));
        }
    }
}
