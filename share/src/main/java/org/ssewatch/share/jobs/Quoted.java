package org.ssewatch.share.jobs;

/**
 * A value as it appears inside a one-line message: in double quotes, control characters escaped,
 * and cut short, so that a hostile or huge value can neither break the line nor flood a log.
 */
final class Quoted {
    private static final int MAX = 60;

    private Quoted() {
    }

    static String of(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX) + 8).append('"');
        int n = 0;
        for (int i = 0; i < value.length() && n < MAX; i++, n++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (value.length() > MAX) {
            b.append("... (").append(value.length()).append(" characters)");
        }
        return b.toString();
    }
}
