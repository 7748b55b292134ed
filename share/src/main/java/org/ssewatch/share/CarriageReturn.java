package org.ssewatch.share;

/**
 * What a terminal shows after a carriage return: the text written after the CR overwrites the
 * line from its first column, cell by cell. Escape sequences are zero-width; a code point is one
 * cell (wide characters are not measured). The part of the old line that survives keeps the
 * styling it had, so the SGR sequences the new text skipped over are carried in front of it.
 */
final class CarriageReturn {
    private static final char ESC = '\u001b';
    private static final String RESET = "\u001b[0m";

    private CarriageReturn() {
    }

    static String overlay(String base, String top) {
        int cells = cells(top);
        StringBuilder carried = null;
        int i = 0;
        int skipped = 0;
        while (i < base.length() && skipped < cells) {
            if (base.charAt(i) == ESC) {
                int end = escapeEnd(base, i);
                if (isSgr(base, i, end)) {
                    if (carried == null) {
                        carried = new StringBuilder();
                    }
                    carried.append(base, i, end);
                }
                i = end;
            } else {
                i += Character.charCount(base.codePointAt(i));
                skipped++;
            }
        }
        if (i >= base.length() || cells(base, i) == 0) {
            return top;
        }
        StringBuilder out = new StringBuilder(top.length() + base.length() - i + 8);
        out.append(top);
        if (top.indexOf(ESC) >= 0) {
            out.append(RESET);
        }
        if (carried != null) {
            out.append(carried);
        }
        return out.append(base, i, base.length()).toString();
    }

    /** A whole line with its carriage returns in it, as a terminal ends up showing it. */
    static String applyAll(String raw) {
        int cr = raw.indexOf('\r');
        if (cr < 0) {
            return raw;
        }
        String shown = raw.substring(0, cr);
        while (cr >= 0) {
            int next = raw.indexOf('\r', cr + 1);
            shown = overlay(shown, raw.substring(cr + 1, next < 0 ? raw.length() : next));
            cr = next;
        }
        return shown;
    }

    static int cells(String s) {
        return cells(s, 0);
    }

    private static int cells(String s, int from) {
        int n = 0;
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == ESC) {
                i = escapeEnd(s, i);
            } else {
                i += Character.charCount(s.codePointAt(i));
                n++;
            }
        }
        return n;
    }

    /** The index just past the escape sequence that starts at {@code start}. */
    static int escapeEnd(String s, int start) {
        int i = start + 1;
        if (i >= s.length()) {
            return i;
        }
        char kind = s.charAt(i++);
        if (kind == '[') {
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c >= 0x40 && c <= 0x7e) {
                    break;
                }
            }
            return i;
        }
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\u0007') {
                    break;
                }
                if (c == ESC && i < s.length() && s.charAt(i) == '\\') {
                    i++;
                    break;
                }
            }
            return i;
        }
        return i;
    }

    private static boolean isSgr(String s, int start, int end) {
        return end - start >= 3 && s.charAt(start + 1) == '[' && s.charAt(end - 1) == 'm';
    }
}
