package org.ssewatch.share;

/**
 * Encodes a line event's payload, {@code {"line":N,"time":T,"text":"..."}}, straight from the
 * line's UTF-8 bytes, byte for byte what {@link Json} (Gson) writes for the decoded text.
 *
 * <p>Why not Gson here: this is the one payload written for every line the command prints, and
 * Gson can only escape a {@code String}, char by char, into a {@code Writer}. Decoding, escaping
 * and re-encoding a 1 KiB line that way was most of the ingest thread's time; almost every line
 * needs no escaping at all, and its bytes can be copied as they are. Bytes that are not valid
 * UTF-8 are not handled here ({@link #encode} returns null): the caller decodes them, with
 * U+FFFD for what is invalid, and Gson writes that. {@code LinePayloadTest} holds the two
 * byte-identical over random input.
 */
final class LinePayload {
    private static final byte[] LINE = AsciiBytes.of("{\"line\":");
    private static final byte[] TIME = AsciiBytes.of(",\"time\":");
    private static final byte[] TEXT = AsciiBytes.of(",\"text\":\"");
    private static final byte[] PARTIAL = AsciiBytes.of(",\"partial\":true");
    private static final byte[] CONT = AsciiBytes.of(",\"cont\":true");
    private static final byte[] HEX = AsciiBytes.of("0123456789abcdef");
    /** Bytes Gson writes for ASCII byte b: 1 when it needs no escape. */
    private static final byte[] WIDTH = new byte[128];

    static {
        for (int b = 0; b < 128; b++) {
            WIDTH[b] = 1;
        }
        for (int b = 0; b < 0x20; b++) {
            WIDTH[b] = 6; // \\u00XX
        }
        for (char c : new char[] {'\t', '\b', '\n', '\r', '\f', '"', '\\'}) {
            WIDTH[c] = 2;
        }
    }

    private LinePayload() {
    }

    /** The payload, or null when {@code utf8[off, off + len)} is not valid UTF-8. */
    static byte[] encode(long line, long time, byte[] utf8, int off, int len, boolean partial, boolean cont) {
        int textBytes = escapedLength(utf8, off, len);
        if (textBytes < 0) {
            return null;
        }
        int lineDigits = AsciiBytes.digits(line);
        int timeDigits = AsciiBytes.digits(time);
        int size = LINE.length + lineDigits + TIME.length + timeDigits + TEXT.length + textBytes + 2
                + (partial ? PARTIAL.length : 0) + (cont ? CONT.length : 0);
        byte[] out = new byte[size];
        int p = AsciiBytes.put(LINE, out, 0);
        p = AsciiBytes.putDigits(line, lineDigits, out, p);
        p = AsciiBytes.put(TIME, out, p);
        p = AsciiBytes.putDigits(time, timeDigits, out, p);
        p = AsciiBytes.put(TEXT, out, p);
        if (textBytes == len) {
            System.arraycopy(utf8, off, out, p, len);
            p += len;
        } else {
            p = escape(utf8, off, len, out, p);
        }
        out[p++] = '"';
        if (partial) {
            p = AsciiBytes.put(PARTIAL, out, p);
        }
        if (cont) {
            p = AsciiBytes.put(CONT, out, p);
        }
        out[p] = '}';
        return out;
    }

    /**
     * The length of the text once escaped, or -1 when it is not valid UTF-8. Eight bytes at a
     * time while none of them is a control character, a quote, a backslash or non-ASCII.
     */
    static int escapedLength(byte[] b, int off, int len) {
        int end = off + len;
        int out = len;
        int i = off;
        while (i < end) {
            if (i + 8 <= end && plain(WordScan.word(b, i))) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out += WIDTH[c] - 1;
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n < 0) {
                return -1;
            }
            if (isLineOrParagraphSeparator(b, i, n)) {
                out += 3; // three bytes become \\u2028 or \\u2029
            }
            i += n;
        }
        return out;
    }

    /** No byte of the word is below 0x20, a quote, a backslash or 0x80 and above. */
    private static boolean plain(long w) {
        long control = (w - WordScan.ONES * 0x20) & ~w;
        long special = control | WordScan.zeroMarks(w ^ WordScan.ONES * '"') | WordScan.zeroMarks(w ^ WordScan.ONES * '\\') | w;
        return (special & WordScan.HIGHS) == 0;
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i} (Unicode's table 3-7: no overlong
     * forms, no surrogates, nothing above U+10FFFF), or -1. These are exactly the sequences
     * that Java's decoder does not replace.
     */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (i + n > end) {
            return -1;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return n;
    }

    /** U+2028 and U+2029 end a line in JavaScript source; Gson escapes them, and so do we. */
    private static boolean isLineOrParagraphSeparator(byte[] b, int i, int n) {
        return n == 3 && b[i] == (byte) 0xe2 && b[i + 1] == (byte) 0x80
                && (b[i + 2] == (byte) 0xa8 || b[i + 2] == (byte) 0xa9);
    }

    /** Writes the escaped text; the input is known to be valid UTF-8. */
    private static int escape(byte[] b, int off, int len, byte[] out, int p) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c >= 0x80) {
                int n = sequenceLength(b, i, end);
                if (isLineOrParagraphSeparator(b, i, n)) {
                    p = unicodeEscape(b[i + 2] == (byte) 0xa8 ? 0x2028 : 0x2029, out, p);
                } else {
                    System.arraycopy(b, i, out, p, n);
                    p += n;
                }
                i += n;
                continue;
            }
            switch (WIDTH[c]) {
                case 1 -> out[p++] = (byte) c;
                case 2 -> {
                    out[p++] = '\\';
                    out[p++] = (byte) switch (c) {
                        case '\t' -> 't';
                        case '\b' -> 'b';
                        case '\n' -> 'n';
                        case '\r' -> 'r';
                        case '\f' -> 'f';
                        default -> c; // '"' and '\\' stand for themselves
                    };
                }
                default -> p = unicodeEscape(c, out, p);
            }
            i++;
        }
        return p;
    }

    private static int unicodeEscape(int c, byte[] out, int p) {
        out[p++] = '\\';
        out[p++] = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) {
            out[p++] = HEX[(c >> shift) & 0xf];
        }
        return p;
    }
}
