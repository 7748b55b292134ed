package org.ssewatch.share;

/**
 * Line text as a reader sees it: SGR sequences ({@code ESC [ ... m}) style it, and every other
 * escape sequence and control character (but TAB) is not shown. The one reading of escape
 * sequences on the server, the same as the page's ({@code page/ansi.mjs}, {@code parseAnsi}), so
 * that {@code log.txt}, search offsets and {@code export.html} agree with what the page shows.
 */
public final class AnsiText {
    private static final char ESC = '\u001b';

    private AnsiText() {
    }

    /** What {@link #scan} reports, in order. */
    public interface Visitor {
        /** Shown text: {@code text[from, to)}. */
        void text(String text, int from, int to);

        /** An SGR sequence's parameters (digits, {@code ;} and {@code :}; empty means reset). */
        void sgr(String params);
    }

    /** The text without escape sequences and control characters; the same string when it has none. */
    public static String strip(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        scan(text, new Visitor() {
            @Override
            public void text(String t, int from, int to) {
                out.append(t, from, to);
            }

            @Override
            public void sgr(String params) {
                // styling only: nothing shown
            }
        });
        return out.toString();
    }

    /** Whether every character is shown as it is: the common case, checked without allocating. */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPrintable(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Splits {@code text} into shown runs and SGR sequences; an unterminated sequence at the end is dropped. */
    public static void scan(String text, Visitor v) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isPrintable(c)) {
                int k = i + 1;
                while (k < n && isPrintable(text.charAt(k))) {
                    k++;
                }
                v.text(text, i, k);
                i = k;
            } else if (c == ESC && i + 1 < n && text.charAt(i + 1) == '[') {
                i = csi(text, i + 2, v);
            } else if (c == '\u009b') {
                i = csi(text, i + 1, v);
            } else if (c == ESC && i + 1 < n && isString(text.charAt(i + 1))) {
                i = skipString(text, i + 2);
            } else if (isC1String(c)) {
                i = skipString(text, i + 1);
            } else if (c == ESC) {
                i = Math.min(skipRange(text, i + 1, 0x20, 0x2f) + 1, n); // intermediates, one final byte
            } else {
                i++; // another control character
            }
            if (i < 0) {
                return;
            }
        }
    }

    static boolean isPrintable(char c) {
        return (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)) || c == '\t';
    }

    private static boolean isString(char c) {
        return c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_'; // OSC DCS SOS PM APC
    }

    private static boolean isC1String(char c) {
        return c == '\u009d' || c == '\u0090' || c == '\u0098' || c == '\u009e' || c == '\u009f';
    }

    private static int skipRange(String s, int j, int lo, int hi) {
        while (j < s.length() && s.charAt(j) >= lo && s.charAt(j) <= hi) {
            j++;
        }
        return j;
    }

    /** A CSI sequence whose parameters start at {@code j}; returns where to go on, or -1 if unterminated. */
    private static int csi(String s, int j, Visitor v) {
        int p0 = j;
        j = skipRange(s, j, 0x30, 0x3f);
        int paramsEnd = j;
        j = skipRange(s, j, 0x20, 0x2f);
        if (j >= s.length()) {
            return -1;
        }
        char fin = s.charAt(j);
        if (fin < 0x40 || fin > 0x7e) {
            return j; // malformed: drop what was read, go on from here
        }
        if (fin == 'm' && paramsEnd == j && sgrParams(s, p0, paramsEnd)) {
            v.sgr(s.substring(p0, paramsEnd));
        }
        return j + 1;
    }

    private static boolean sgrParams(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9') && c != ';' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** Skips a string sequence (OSC, DCS, ...) up to its terminator: BEL, ST or ESC \. */
    private static int skipString(String s, int j) {
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\u0007' || c == '\u009c') {
                return j + 1;
            }
            if (c == ESC && j + 1 < s.length() && s.charAt(j + 1) == '\\') {
                return j + 2;
            }
            j++;
        }
        return j;
    }
}
