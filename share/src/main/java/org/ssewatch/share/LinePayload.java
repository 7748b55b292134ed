package org.ssewatch.share;

import java.util.Arrays;

/**
 * Encodes the payload of a line event, {@code {"line":N,"time":T,"text":"..."}} with the optional
 * {@code "partial":true} and {@code "cont":true}, straight to UTF-8 in a reused buffer. It is the
 * hot path of ingest (one call per line of output), so it replaces a new Gson {@code JsonWriter},
 * a {@code StringBuilder}, a {@code String} and the copies between them per line. The bytes are
 * exactly what {@link Json} (Gson) produces for the same values, which {@code LinePayloadTest}
 * checks: the same escapes (quote, backslash, {@code \b \t \n \f \r}, other control characters as
 * {@code \}{@code u00xx}, U+2028 and U+2029), and {@code ?} for a lone surrogate, as
 * {@code String.getBytes(UTF_8)} does. Not thread-safe: the {@link Recorder} owns one and calls it
 * under its lock.
 */
final class LinePayload {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LINE = ascii("{\"line\":");
    private static final byte[] TIME = ascii(",\"time\":");
    private static final byte[] TEXT = ascii(",\"text\":\"");
    private static final byte[] PARTIAL = ascii(",\"partial\":true");
    private static final byte[] CONT = ascii(",\"cont\":true");

    private byte[] buf = new byte[512];
    private int len;

    byte[] encode(long line, long time, String text, boolean partial, boolean cont) {
        // Worst case: every char escaped as six bytes, plus the fixed parts and two longs.
        ensure(6L * text.length() + 128);
        len = 0;
        put(LINE);
        putLong(line);
        put(TIME);
        putLong(time);
        put(TEXT);
        putString(text);
        buf[len++] = '"';
        if (partial) {
            put(PARTIAL);
        }
        if (cont) {
            put(CONT);
        }
        buf[len++] = '}';
        return Arrays.copyOf(buf, len);
    }

    private void putString(String s) {
        byte[] b = buf;
        int at = len;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                    continue;
                }
                b[at++] = '\\';
                switch (c) {
                    case '"' -> b[at++] = '"';
                    case '\\' -> b[at++] = '\\';
                    case '\t' -> b[at++] = 't';
                    case '\b' -> b[at++] = 'b';
                    case '\n' -> b[at++] = 'n';
                    case '\r' -> b[at++] = 'r';
                    case '\f' -> b[at++] = 'f';
                    default -> at = putUnicodeEscape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(low = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    b[at++] = (byte) (0xf0 | (cp >> 18));
                    b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[at++] = (byte) (0x80 | (cp & 0x3f));
                    i++;
                } else {
                    b[at++] = '?'; // what String.getBytes(UTF_8) makes of a lone surrogate
                }
            } else if (c == '\u2028' || c == '\u2029') {
                b[at++] = '\\';
                at = putUnicodeEscape(b, at, c);
            } else {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        len = at;
    }

    /** Writes {@code u} and four lower-case hex digits (the backslash is already written). */
    private static int putUnicodeEscape(byte[] b, int at, char c) {
        b[at++] = 'u';
        b[at++] = HEX[(c >> 12) & 0xf];
        b[at++] = HEX[(c >> 8) & 0xf];
        b[at++] = HEX[(c >> 4) & 0xf];
        b[at++] = HEX[c & 0xf];
        return at;
    }

    private void putLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(ascii(Long.toString(v)));
                return;
            }
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len = end;
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(long capacity) {
        if (capacity > buf.length) {
            buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, 2L * buf.length))];
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
