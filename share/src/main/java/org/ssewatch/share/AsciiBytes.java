package org.ssewatch.share;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Numbers and ASCII text written straight as bytes, for what is built byte by byte rather than
 * through Gson because it is written for every line or every viewer: line payloads, SSE frames
 * and poll answers. A number comes out as {@link Long#toString} writes it, which is what Gson
 * writes for a {@code long}, so both ways give the same bytes.
 */
public final class AsciiBytes {
    private AsciiBytes() {
    }

    /** The bytes of {@code ascii}, for the constant parts of a frame or payload. */
    public static byte[] of(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** The number of characters of {@code n} in decimal, a minus sign included. */
    public static int digits(long n) {
        if (n < 0) {
            return Long.toString(n).length();
        }
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    /** Writes {@code n} in decimal. */
    public static void putDigits(long n, ByteBuffer out) {
        if (n < 0) {
            out.put(of(Long.toString(n)));
            return;
        }
        int d = digits(n);
        int at = out.position() + d;
        for (int i = 1; i <= d; i++) {
            out.put(at - i, (byte) ('0' + n % 10));
            n /= 10;
        }
        out.position(at);
    }

    /** Writes {@code n}, which has {@code digits} characters ({@link #digits}), at {@code p}; returns the end. */
    public static int putDigits(long n, int digits, byte[] out, int p) {
        if (n < 0) {
            return put(of(Long.toString(n)), out, p);
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            out[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return end;
    }

    /** Writes {@code s}, which must be ASCII (an event type: {@link Event#isValidType}). */
    public static void putAscii(String s, ByteBuffer out) {
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i));
        }
    }

    /** Copies {@code part} (from {@link #of}) to {@code out} at {@code p}; returns the end. */
    public static int put(byte[] part, byte[] out, int p) {
        System.arraycopy(part, 0, out, p, part.length);
        return p + part.length;
    }
}
