package org.ssewatch.web.lines;

import java.io.IOException;
import java.io.Writer;

/** Text into HTML: the characters that could start markup or end an attribute, escaped. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static void escape(Writer w, String s, int from, int to) throws IOException {
        int run = from;
        for (int i = from; i < to; i++) {
            String r = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (r != null) {
                w.write(s, run, i - run);
                w.write(r);
                run = i + 1;
            }
        }
        w.write(s, run, to - run);
    }
}
