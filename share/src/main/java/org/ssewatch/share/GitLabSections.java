package org.ssewatch.share;

import java.util.ArrayList;
import java.util.List;

/**
 * GitLab CI's collapsible sections, as the runner and job scripts print them:
 * {@code ESC[0Ksection_start:UNIX_SECONDS:NAME[collapsed=true]\rESC[0KHEADER} and
 * {@code ESC[0Ksection_end:UNIX_SECONDS:NAME\rESC[0K}. The carriage return is what hides the
 * marker on a terminal, so these lines reach the parser before carriage returns are applied
 * ({@link LineDecoder} keeps them raw). The runner itself prints an end and the next start on one
 * line, so a line is a chain of markers, possibly followed by text after an end.
 */
final class GitLabSections {
    static final String START = "\u001b[0Ksection_start:";
    static final String END = "\u001b[0Ksection_end:";
    private static final String ERASE = "\u001b[0K";

    /** One marker; {@code header} is null on an end. */
    record Marker(boolean start, String name, boolean collapsed, String header) {
    }

    /** The markers of a line, and the text that follows the last end ("" when none). */
    record Parsed(List<Marker> markers, String rest) {
    }

    private GitLabSections() {
    }

    /** Whether {@code text} starts as a marker does, or could still become one as it grows. */
    static boolean couldStart(String text) {
        return text.startsWith(START) || text.startsWith(END)
                || (!text.isEmpty() && (START.startsWith(text) || END.startsWith(text)));
    }

    /** The markers on {@code raw} (carriage returns not applied), or null when it holds none or is malformed. */
    static Parsed parse(String raw) {
        List<Marker> markers = new ArrayList<>(2);
        int i = 0;
        while (true) {
            boolean start = raw.startsWith(START, i);
            if (!start && !raw.startsWith(END, i)) {
                return markers.isEmpty() ? null : new Parsed(markers, raw.substring(i));
            }
            i += start ? START.length() : END.length();
            int digits = i;
            while (i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
                i++;
            }
            if (i == digits || i - digits > 19 || i >= raw.length() || raw.charAt(i) != ':') {
                return null;
            }
            int nameStart = ++i;
            while (i < raw.length() && isNameChar(raw.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return null;
            }
            String name = raw.substring(nameStart, i);
            boolean collapsed = false;
            if (start && i < raw.length() && raw.charAt(i) == '[') {
                int close = raw.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                collapsed = options(raw.substring(i + 1, close));
                i = close + 1;
            }
            if (i >= raw.length() || raw.charAt(i) != '\r') {
                return null;
            }
            i = skipErase(raw, i + 1);
            if (start) {
                markers.add(new Marker(true, name, collapsed, raw.substring(i)));
                return new Parsed(markers, "");
            }
            markers.add(new Marker(false, name, false, null));
        }
    }

    /** Whether the options ({@code collapsed=true,hide_duration=true}) ask for a collapsed section. */
    private static boolean options(String options) {
        for (String option : options.split(",")) {
            if (option.trim().equals("collapsed=true")) {
                return true;
            }
        }
        return false;
    }

    /** Past the erase sequences at {@code i}, but not into the one that begins the next marker. */
    private static int skipErase(String s, int i) {
        while (s.startsWith(ERASE, i) && !s.startsWith(START, i) && !s.startsWith(END, i)) {
            i += ERASE.length();
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }
}
