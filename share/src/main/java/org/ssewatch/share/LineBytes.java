package org.ssewatch.share;

/**
 * A line payload read where it lies, in {@code b[off, off + len)} (a journal file's read buffer,
 * or an event's array), without decoding it: the fields in the order {@link LinePayload} writes
 * them. A search goes through every line of a run this way and decodes only the lines that may
 * match; any other shape of payload answers "unknown" here, and is read by {@link LineEvent}.
 */
public final class LineBytes {
    private static final byte[] LINE = AsciiBytes.of("{\"line\":");
    private static final byte[] TIME = AsciiBytes.of(",\"time\":");
    private static final byte[] TEXT = AsciiBytes.of(",\"text\":\"");
    private static final byte[] PARTIAL = AsciiBytes.of(",\"partial\":true");
    private static final byte[] CONT = AsciiBytes.of(",\"cont\":true");

    /** The first eight bytes of LINE, TIME and TEXT as words: each compared at once. */
    private static final long LINE_WORD = WordScan.word(LINE, 0);
    private static final long TIME_WORD = WordScan.word(TIME, 0);
    private static final long TEXT_WORD = WordScan.word(TEXT, 0);

    private LineBytes() {
    }

    /** The line number, or -1 when the payload does not start as ssewatch writes it. */
    static long lineNumber(byte[] b, int off, int len) {
        if (len < 10 || WordScan.word(b, off) != LINE_WORD) {
            return -1;
        }
        int end = off + len;
        int i = off + LINE.length;
        long n = 0;
        for (; i < end && i < off + LINE.length + 17 && b[i] >= '0' && b[i] <= '9'; i++) {
            n = n * 10 + (b[i] - '0');
        }
        return i > off + LINE.length && i < end && b[i] == ',' ? n : -1;
    }

    /** 1 for a partial version of its line, 0 for a final one, -1 when the payload's end does not say. */
    static int partial(byte[] b, int off, int len) {
        int end = off + len - 1; // the closing brace
        if (len < LINE.length + 2 || b[end] != '}' || !startsWith(b, off, end, LINE)) {
            return -1;
        }
        if (endsBefore(b, off, end, PARTIAL)) {
            return 1;
        }
        if (endsBefore(b, off, end, CONT)) {
            return endsBefore(b, off, end - CONT.length, PARTIAL) ? 1 : 0;
        }
        return b[end - 1] == '"' ? 0 : -1;
    }

    /**
     * Where the text lies, {@code start << 32 | end} (indexes into {@code b}), when it is plain
     * printable ASCII with no escape in it, so that it is byte for byte the text as shown (no
     * escape sequence: ESC is always escaped in JSON) and its offsets are the text's; else -1.
     */
    public static long plainText(byte[] b, int off, int len) {
        int end = off + len;
        // {"line":N,"time":T,"text":" is at least 29 bytes; the words are read where they fit
        if (len < 29 || WordScan.word(b, off) != LINE_WORD) {
            return -1;
        }
        int at = digits(b, off + 8, end);
        if (at < 0 || at + 8 > end || WordScan.word(b, at) != TIME_WORD) {
            return -1;
        }
        at = digits(b, at + 8, end);
        if (at < 0 || at + 9 > end || WordScan.word(b, at) != TEXT_WORD || b[at + 8] != '"') {
            return -1;
        }
        at += 9;
        int k = at;
        while (k + 8 <= end && plain(WordScan.word(b, k))) {
            k += 8;
        }
        for (; k < end; k++) {
            byte c = b[k];
            if (c == '"') {
                return (long) at << 32 | k;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) { // c < 0x20 includes every byte >= 0x80
                return -1;
            }
        }
        return -1;
    }

    /** No byte of the word is below 0x20, a quote, a backslash, DEL or 0x80 and above. */
    private static boolean plain(long w) {
        long control = (w - WordScan.ONES * 0x20) & ~w;
        long special = control | WordScan.zeroMarks(w ^ WordScan.ONES * '"') | WordScan.zeroMarks(w ^ WordScan.ONES * '\\')
                | WordScan.zeroMarks(w ^ WordScan.ONES * 0x7f) | w;
        return (special & WordScan.HIGHS) == 0;
    }

    /** The index after the digits at {@code at} (one to 18 of them), or -1 if there are none. */
    private static int digits(byte[] b, int at, int end) {
        if (at < 0) {
            return -1;
        }
        int i = at;
        while (i < end && b[i] >= '0' && b[i] <= '9' && i - at < 18) {
            i++;
        }
        return i == at ? -1 : i;
    }

    static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (at < 0 || at + prefix.length > end) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsBefore(byte[] b, int off, int end, byte[] token) {
        return end - token.length >= off && startsWith(b, end - token.length, end, token);
    }
}
