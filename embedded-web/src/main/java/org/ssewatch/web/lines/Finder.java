package org.ssewatch.web.lines;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a search looks for in a line's shown text: plain text (case-insensitive unless asked
 * otherwise) or a regular expression. Built once per request from its parameters, which are
 * checked here.
 */
abstract class Finder {
    static final int MAX_QUERY = 1000;

    /** A query that cannot be run; its message is the one-line answer. */
    static final class BadQuery extends Exception {
        BadQuery(String message) {
            super(message);
        }
    }

    /**
     * Finds matches in {@code text}, calling {@code hit} with each one's start and end (UTF-16
     * offsets); returns how many there were.
     */
    abstract int find(CharSequence text, Hits hit);

    interface Hits {
        void hit(int start, int end);
    }

    /**
     * Whether {@code b[from, to)}, printable ASCII, holds a match: for the plain-text finders
     * that can tell without decoding; the others answer true (decode and {@link #find} to know).
     */
    boolean mayMatch(byte[] b, int from, int to) {
        return true;
    }

    /** {@code q}'s bytes when it is all ASCII, else null. */
    static byte[] ascii(String q, boolean lower) {
        if (!q.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        return (lower ? q.toLowerCase(Locale.ROOT) : q).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Whether {@code q} (lower case when {@code fold}) occurs in {@code b[from, to)}. */
    static boolean contains(byte[] b, int from, int to, byte[] q, boolean fold) {
        int last = to - q.length;
        byte first = q[0];
        for (int i = from; i <= last; i++) {
            if (fold(b[i], fold) != first) {
                continue;
            }
            int k = 1;
            while (k < q.length && fold(b[i + k], fold) == q[k]) {
                k++;
            }
            if (k == q.length) {
                return true;
            }
        }
        return false;
    }

    private static byte fold(byte c, boolean fold) {
        return fold && c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }

    /** Every line a hit, with no match listed in it: for a search of one stream without text. */
    static final Finder EVERY_LINE = new Finder() {
        @Override
        int find(CharSequence text, Hits hit) {
            return 1;
        }
    };

    static Finder of(String q, boolean regex, boolean caseSensitive) throws BadQuery {
        if (q == null || q.isEmpty()) {
            throw new BadQuery("q must not be empty");
        }
        if (q.length() > MAX_QUERY) {
            throw new BadQuery("q must be at most " + MAX_QUERY + " characters");
        }
        if (regex) {
            try {
                int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                return new Regex(Pattern.compile(q, flags));
            } catch (PatternSyntaxException e) {
                throw new BadQuery("q is not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
            }
        }
        if (caseSensitive) {
            return new Plain(q);
        }
        if (q.chars().allMatch(c -> c < 0x80)) {
            return new AsciiIgnoringCase(q);
        }
        return new Regex(Pattern.compile(q, Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static final class Plain extends Finder {
        private final String q;
        private final byte[] bytes;

        Plain(String q) {
            this.q = q;
            this.bytes = ascii(q, false);
        }

        @Override
        boolean mayMatch(byte[] b, int from, int to) {
            return bytes == null || contains(b, from, to, bytes, false);
        }

        @Override
        int find(CharSequence text, Hits hit) {
            String s = text.toString();
            int n = 0;
            for (int at = s.indexOf(q); at >= 0; at = s.indexOf(q, at + q.length())) {
                hit.hit(at, at + q.length());
                n++;
            }
            return n;
        }
    }

    /** The common search: first characters compared in both cases, the rest by regionMatches. */
    private static final class AsciiIgnoringCase extends Finder {
        private final String q;
        private final char lower;
        private final char upper;

        private final byte[] bytes;

        AsciiIgnoringCase(String q) {
            this.q = q;
            this.lower = q.toLowerCase(Locale.ROOT).charAt(0);
            this.upper = q.toUpperCase(Locale.ROOT).charAt(0);
            this.bytes = ascii(q, true);
        }

        @Override
        boolean mayMatch(byte[] b, int from, int to) {
            return contains(b, from, to, bytes, true);
        }

        @Override
        int find(CharSequence text, Hits hit) {
            String s = text.toString();
            int n = 0;
            int last = s.length() - q.length();
            for (int i = 0; i <= last; i++) {
                char c = s.charAt(i);
                if ((c == lower || c == upper) && s.regionMatches(true, i, q, 0, q.length())) {
                    hit.hit(i, i + q.length());
                    n++;
                    i += q.length() - 1;
                }
            }
            return n;
        }
    }

    private static final class Regex extends Finder {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        int find(CharSequence text, Hits hit) {
            Matcher m = pattern.matcher(text);
            int n = 0;
            while (m.find()) {
                hit.hit(m.start(), m.end());
                n++;
                if (m.end() == text.length()) {
                    break;
                }
            }
            return n;
        }
    }
}
