package org.ssewatch.share;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * A line event read back: its stream (the event's type), number, time, text (escape sequences
 * kept) and flags. Read for every line a search or an export goes through, so the payloads
 * ssewatch writes ({@link LinePayload}'s field order) are read here without a JSON library; any
 * other line payload goes through Gson.
 */
public record LineEvent(long id, String stream, long line, long time, String text, boolean partial, boolean cont) {
    private static final byte[] LINE = AsciiBytes.of("{\"line\":");
    private static final byte[] TIME = AsciiBytes.of(",\"time\":");
    private static final byte[] TEXT = AsciiBytes.of(",\"text\":\"");
    private static final byte[] PARTIAL = AsciiBytes.of(",\"partial\":true");
    private static final byte[] CONT = AsciiBytes.of(",\"cont\":true");

    /** The event as a line, or null when it is not one (another type, or a payload without a line). */
    public static LineEvent of(Event e) {
        if (!EventTypes.isLine(e.type())) {
            return null;
        }
        LineEvent fast = fast(e);
        return fast != null ? fast : slow(e);
    }

    /** Just the line number of a line event's payload, or 0 when it has none. */
    static long lineNumber(Event e) {
        byte[] p = e.payload();
        long n = LineBytes.lineNumber(p, 0, p.length);
        if (n >= 0) {
            return n;
        }
        LineEvent slow = slow(e);
        return slow == null ? 0 : slow.line();
    }

    /** {@link LineBytes#plainText} of a whole payload. */
    public static long plainText(byte[] p) {
        return LineBytes.plainText(p, 0, p.length);
    }

    /** Whether a line event is a partial version of its line; read from the end of the payload. */
    static boolean isPartial(Event e) {
        byte[] p = e.payload();
        int partial = LineBytes.partial(p, 0, p.length);
        if (partial >= 0) {
            return partial == 1;
        }
        LineEvent slow = slow(e);
        return slow != null && slow.partial();
    }

    private static LineEvent fast(Event e) {
        byte[] p = e.payload();
        int[] at = {0};
        if (!expect(p, at, LINE)) {
            return null;
        }
        long line = digits(p, at);
        if (line < 0 || !expect(p, at, TIME)) {
            return null;
        }
        long time = digits(p, at);
        if (time < 0 || !expect(p, at, TEXT)) {
            return null;
        }
        String text = string(p, at);
        if (text == null) {
            return null;
        }
        boolean partial = expect(p, at, PARTIAL);
        boolean cont = expect(p, at, CONT);
        if (at[0] != p.length - 1 || p[at[0]] != '}') {
            return null;
        }
        return new LineEvent(e.id(), e.type(), line, time, text, partial, cont);
    }

    private static boolean expect(byte[] p, int[] at, byte[] token) {
        if (!LineBytes.startsWith(p, at[0], p.length, token)) {
            return false;
        }
        at[0] += token.length;
        return true;
    }

    private static long digits(byte[] p, int[] at) {
        int i = at[0];
        long n = 0;
        while (i < p.length && p[i] >= '0' && p[i] <= '9' && i - at[0] < 18) {
            n = n * 10 + (p[i++] - '0');
        }
        if (i == at[0]) {
            return -1;
        }
        at[0] = i;
        return n;
    }

    /** The JSON string from {@code at} to its closing quote, which it moves past; null if not one. */
    private static String string(byte[] p, int[] at) {
        int start = at[0];
        int i = start;
        while (i < p.length && p[i] != '"' && p[i] != '\\') {
            i++;
        }
        if (i < p.length && p[i] == '"') {
            at[0] = i + 1;
            return new String(p, start, i - start, StandardCharsets.UTF_8);
        }
        return escaped(p, at, i);
    }

    private static String escaped(byte[] p, int[] at, int firstEscape) {
        StringBuilder out = new StringBuilder(p.length);
        out.append(new String(p, at[0], firstEscape - at[0], StandardCharsets.UTF_8));
        int i = firstEscape;
        int run = i;
        while (i < p.length) {
            byte b = p[i];
            if (b == '"') {
                out.append(new String(p, run, i - run, StandardCharsets.UTF_8));
                at[0] = i + 1;
                return out.toString();
            }
            if (b != '\\') {
                i++;
                continue;
            }
            out.append(new String(p, run, i - run, StandardCharsets.UTF_8));
            if (i + 1 >= p.length) {
                return null;
            }
            char c = switch (p[i + 1]) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicode(p, i + 2);
                default -> '\uffff';
            };
            if (c == '\uffff') {
                return null;
            }
            out.append(c);
            i += p[i + 1] == 'u' ? 6 : 2;
            run = i;
        }
        return null;
    }

    private static char unicode(byte[] p, int from) {
        if (from + 4 > p.length) {
            return '\uffff';
        }
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(p[k], 16);
            if (d < 0) {
                return '\uffff';
            }
            v = v * 16 + d;
        }
        return (char) v; // U+FFFF itself is not a character JSON writers escape
    }

    private static LineEvent slow(Event e) {
        long line = 0;
        long time = 0;
        String text = null;
        boolean partial = false;
        boolean cont = false;
        try (JsonReader r = new JsonReader(new StringReader(e.payloadJson()))) {
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "line" -> line = r.nextLong();
                    case "time" -> time = r.nextLong();
                    case "text" -> text = r.nextString();
                    case "partial" -> partial = r.nextBoolean();
                    case "cont" -> cont = r.nextBoolean();
                    default -> r.skipValue();
                }
            }
        } catch (IOException | RuntimeException ex) {
            return null;
        }
        return text == null || line < 1 ? null : new LineEvent(e.id(), e.type(), line, time, text, partial, cont);
    }
}
