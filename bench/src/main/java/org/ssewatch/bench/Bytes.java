package org.ssewatch.bench;

/** Searches in byte arrays, for parsing responses where they lie instead of decoding them to strings. */
final class Bytes {
    private Bytes() {
    }

    static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[from, to)} is exactly {@code s} (ASCII). */
    static boolean matches(byte[] b, int from, int to, String s) {
        return to - from == s.length() && matchesAt(b, from, s);
    }

    /** Whether {@code s} (ASCII) starts at {@code b[from]}. */
    static boolean matchesAt(byte[] b, int from, String s) {
        if (from + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte[] pat) {
        outer:
        for (int i = from; i <= to - pat.length; i++) {
            for (int j = 0; j < pat.length; j++) {
                if (b[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int lastIndexOf(byte[] b, int to, byte[] pat) {
        outer:
        for (int i = to - pat.length; i >= 0; i--) {
            for (int j = 0; j < pat.length; j++) {
                if (b[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
