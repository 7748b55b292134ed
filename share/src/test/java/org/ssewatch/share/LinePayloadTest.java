package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written line encoder produces exactly Gson's bytes, whatever the text. */
class LinePayloadTest {
    private final LinePayload fast = new LinePayload();

    private static byte[] gson(long line, long time, String text, boolean partial, boolean cont) throws IOException {
        Json json = new Json();
        JsonWriter w = json.begin();
        w.name("line").value(line);
        w.name("time").value(time);
        w.name("text").value(text);
        if (partial) {
            w.name("partial").value(true);
        }
        if (cont) {
            w.name("cont").value(true);
        }
        return json.finish();
    }

    private void same(long line, long time, String text, boolean partial, boolean cont) throws IOException {
        assertArrayEquals(gson(line, time, text, partial, cont), fast.encode(line, time, text, partial, cont),
                () -> "text " + text.chars().mapToObj(c -> Integer.toHexString(c)).toList());
    }

    @Test
    void everyCharBelow0x100AndTheSpecialOnes() throws IOException {
        for (char c = 0; c < 0x100; c++) {
            same(1, 2, "a" + c + "b", false, false);
        }
        for (char c : new char[] {'\u2028', '\u2029', '\u07ff', '\u0800', '\uffff', '\ufffd', '\ud800', '\udbff',
            '\udc00', '\udfff', '\u2027', '\u202a'}) {
            same(3, 4, String.valueOf(c), true, false);
            same(3, 4, "x" + c, false, true);
            same(3, 4, c + "x", true, true);
        }
    }

    @Test
    void surrogatePairsAndLoneSurrogates() throws IOException {
        same(1, 1, "\ud83d\ude00 smile", false, false);
        same(1, 1, "\ude00\ud83d reversed", false, false);
        same(1, 1, "end \ud83d", false, false);
        same(1, 1, "\ud83d\ud83d\ude00", false, false);
    }

    @Test
    void numbersAndFlags() throws IOException {
        for (long v : new long[] {0, 1, 9, 10, 99, 100, 123456789012345L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE}) {
            same(v, v, "", false, false);
            same(v, -v, "t", true, true);
        }
    }

    @Test
    void randomTexts() throws IOException {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int n = r.nextInt(i % 100 == 0 ? 5000 : 40);
            StringBuilder b = new StringBuilder(n);
            for (int j = 0; j < n; j++) {
                b.append(switch (r.nextInt(6)) {
                    case 0 -> (char) r.nextInt(0x20);
                    case 1 -> (char) (0x20 + r.nextInt(0x60));
                    case 2 -> (char) r.nextInt(0x800);
                    case 3 -> (char) (0xd800 + r.nextInt(0x800));
                    case 4 -> (char) (0x2020 + r.nextInt(16));
                    default -> (char) r.nextInt(0x10000);
                });
            }
            same(r.nextInt(1_000_000), System.currentTimeMillis(), b.toString(), r.nextBoolean(), r.nextBoolean());
        }
    }

    @Test
    void aLongLineAfterShortOnesGrowsTheBuffer() throws IOException {
        same(1, 1, "short", false, false);
        same(2, 2, "\u0001".repeat(70_000), false, false);
        same(3, 3, "short again", false, false);
    }
}
