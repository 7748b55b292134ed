package org.ssewatch.share;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GitHub Actions workflow commands, {@code ::NAME PROP=VALUE,PROP=VALUE::MESSAGE}, as
 * actions/toolkit writes them ({@code packages/core/src/command.ts}). Only the commands ssewatch
 * acts on are recognised; any other line, including GitHub's commands that mean nothing here
 * ({@code set-output}, {@code add-matcher}, ...), stays a text line.
 */
final class WorkflowCommands {
    static final Set<String> ANNOTATIONS = Set.of("error", "warning", "notice", "debug");
    private static final Set<String> KNOWN = Set.of("error", "warning", "notice", "debug", "group", "endgroup",
            "add-mask", "stop-commands");
    /** What an annotation may carry, in the order its payload lists them. */
    static final String[] PROPERTIES = {"title", "file", "line", "col", "endLine", "endColumn"};
    private static final Set<String> NUMBERS = Set.of("line", "col", "endLine", "endColumn");

    /** A parsed command; {@code properties} are unescaped, with the ones ssewatch ignores left out. */
    record Command(String name, Map<String, String> properties, String message) {
    }

    private WorkflowCommands() {
    }

    /**
     * The command on {@code line}, or null when it is none or is malformed: no closing {@code ::},
     * a property without {@code =}, or a line or column that is not a whole number. GitHub's
     * runner compares names without regard to case, and so does this.
     */
    static Command parse(String line) {
        if (!line.startsWith("::")) {
            return null;
        }
        int end = line.indexOf("::", 2);
        if (end < 0) {
            return null;
        }
        String info = line.substring(2, end);
        int space = info.indexOf(' ');
        String name = (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (space >= 0) {
            for (String pair : info.substring(space + 1).trim().split(",")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                String key = pair.substring(0, eq);
                String value = unescapeProperty(pair.substring(eq + 1));
                if (NUMBERS.contains(key) && !isWholeNumber(value)) {
                    return null;
                }
                if (isAnnotationProperty(key)) {
                    properties.put(key, value);
                }
            }
        }
        return new Command(name, properties, unescapeMessage(line.substring(end + 2)));
    }

    private static boolean isAnnotationProperty(String key) {
        for (String p : PROPERTIES) {
            if (p.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWholeNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The reverse of toolkit's {@code escapeData}: {@code %25}, {@code %0D}, {@code %0A}. */
    static String unescapeMessage(String s) {
        return unescape(s, false);
    }

    /** The reverse of toolkit's {@code escapeProperty}: the message's escapes, {@code %3A} and {@code %2C}. */
    static String unescapeProperty(String s) {
        return unescape(s, true);
    }

    /** One pass from left to right, so that {@code %250A} is the text {@code %0A}, as toolkit meant. */
    private static String unescape(String s, boolean property) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, pct);
        int i = pct;
        while (i < s.length()) {
            char c = s.charAt(i);
            char decoded = c == '%' && i + 2 < s.length() ? decode(s.charAt(i + 1), s.charAt(i + 2), property) : 0;
            if (decoded != 0) {
                out.append(decoded);
                i += 3;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static char decode(char a, char b, boolean property) {
        if (a == '2' && b == '5') {
            return '%';
        }
        if (a == '0' && b == 'D') {
            return '\r';
        }
        if (a == '0' && b == 'A') {
            return '\n';
        }
        if (property && a == '3' && b == 'A') {
            return ':';
        }
        if (property && a == '2' && b == 'C') {
            return ',';
        }
        return 0;
    }
}
