package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinePayloadTest {
    private final Payloads payloads = new Payloads();

    /** What the Recorder writes with Gson for a decoded line: the reference. */
    private byte[] gson(long line, long time, String text, boolean partial, boolean cont) throws IOException {
        return payloads.line(line, time, text, partial, cont);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertSameAsGson(byte[] text, int off, int len, long line, long time, boolean partial, boolean cont)
            throws IOException {
        byte[] ours = LinePayload.encode(line, time, text, off, len, partial, cont);
        assertNotNull(ours, () -> "valid UTF-8 was refused: " + Arrays.toString(Arrays.copyOfRange(text, off, off + len)));
        byte[] reference = gson(line, time, new String(text, off, len, StandardCharsets.UTF_8), partial, cont);
        assertArrayEquals(reference, ours, () -> new String(reference, StandardCharsets.UTF_8) + " != "
                + new String(ours, StandardCharsets.UTF_8));
    }

    @Test
    void aPlainLineIsCopiedIntoTheEnvelope() {
        byte[] out = LinePayload.encode(7, 1700000000123L, utf8("hello world"), 0, 11, false, false);
        assertEquals("{\"line\":7,\"time\":1700000000123,\"text\":\"hello world\"}", new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void partialAndContinuationFlagsFollowTheText() {
        byte[] out = LinePayload.encode(1, 2, utf8("x"), 0, 1, true, true);
        assertEquals("{\"line\":1,\"time\":2,\"text\":\"x\",\"partial\":true,\"cont\":true}",
                new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void everyAsciiByteIsEscapedExactlyAsGsonEscapesIt() throws IOException {
        for (int b = 0; b < 128; b++) {
            // alone, inside a run of eight plain bytes, and in the tail after one
            byte[] alone = {(byte) b};
            assertSameAsGson(alone, 0, 1, 1, 1, false, false);
            byte[] inWord = utf8("abcdefghijklmnop");
            inWord[5] = (byte) b;
            assertSameAsGson(inWord, 0, inWord.length, 1, 1, false, false);
            byte[] inTail = utf8("abcdefghij");
            inTail[9] = (byte) b;
            assertSameAsGson(inTail, 0, inTail.length, 1, 1, false, false);
        }
    }

    @Test
    void separatorsThatEndJavaScriptLinesAreEscapedOtherCharactersPassAsUtf8() throws IOException {
        String text = "ls\u2028ps\u2029 é € 𝄞 \u001b[31mred\u001b[0m \"q\" \\ \u007f";
        byte[] bytes = utf8(text);
        assertSameAsGson(bytes, 0, bytes.length, 3, 4, false, false);
        String out = new String(LinePayload.encode(3, 4, bytes, 0, bytes.length, false, false), StandardCharsets.UTF_8);
        assertTrue(out.contains("ls\\u2028ps\\u2029 é € 𝄞 \\u001b[31mred"), out);
    }

    @Test
    void invalidUtf8IsLeftToTheDecoder() {
        byte[][] invalid = {
            {(byte) 0x80}, // a continuation byte alone
            {(byte) 0xc0, (byte) 0x80}, // overlong NUL
            {(byte) 0xc3}, // truncated
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xff},
            {'a', (byte) 0xe2, (byte) 0x82, 'b'}, // a sequence cut short by ASCII
        };
        for (byte[] b : invalid) {
            assertNull(LinePayload.encode(1, 1, b, 0, b.length, false, false), Arrays.toString(b));
        }
        // A sequence cut by the end of the range, though the bytes after it would complete it.
        byte[] eAcute = {'a', (byte) 0xc3, (byte) 0xa9};
        assertNull(LinePayload.encode(1, 1, eAcute, 0, 2, false, false));
        byte[] euro = {(byte) 0xe2, (byte) 0x82, (byte) 0xac, 'x'};
        assertNull(LinePayload.encode(1, 1, euro, 0, 2, false, false));
        assertNotNull(LinePayload.encode(1, 1, euro, 0, 3, false, false));
    }

    @Test
    void onlyTheGivenRangeIsRead() throws IOException {
        byte[] buf = utf8("\"xx\" inner \"yy\"");
        assertSameAsGson(buf, 5, 5, 1, 1, false, false);
        assertEquals("{\"line\":1,\"time\":1,\"text\":\"inner\"}",
                new String(LinePayload.encode(1, 1, buf, 5, 5, false, false), StandardCharsets.UTF_8));
    }

    @Test
    void numbersOfEveryWidthAndSign() throws IOException {
        for (long n : new long[] {0, 9, 10, 99, 100, 123456789012L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertSameAsGson(utf8("t"), 0, 1, n, n, false, false);
        }
    }

    /**
     * Random lines drawn from the bytes that matter (plain ASCII, every escape, each width of
     * UTF-8, the separators, and broken sequences): where ours answers it matches Gson byte for
     * byte, and where it refuses, the bytes really are not UTF-8 (they do not survive a round trip
     * through Java's decoder).
     */
    @Test
    void randomLinesMatchGsonOrAreRefusedOnlyWhenInvalid() throws IOException {
        Random random = new Random(20261124);
        byte[][] pieces = {
            utf8("a"), utf8("Z"), utf8(" "), utf8("~"), {0x7f}, utf8("\""), utf8("\\"), utf8("\t"), utf8("\n"),
            utf8("\r"), {0}, {0x1b}, {0x1f}, {0x08}, {0x0c}, utf8("é"), utf8("€"), utf8("𝄞"), utf8("\u2028"),
            utf8("\u2029"), utf8("\u2027"), utf8("\ufffd"), {(byte) 0x80}, {(byte) 0xe2, (byte) 0x80}, {(byte) 0xc0},
            {(byte) 0xed, (byte) 0xb0, (byte) 0x80}, {(byte) 0xf0, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf},
            utf8("plain text of some length"),
        };
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[400];
            int len = 0;
            int parts = random.nextInt(12);
            boolean clean = random.nextInt(3) == 0; // a third of the lines have no broken piece
            for (int k = 0; k < parts; k++) {
                byte[] piece = pieces[random.nextInt(clean ? 22 : pieces.length)];
                if (clean && random.nextBoolean()) {
                    piece = pieces[pieces.length - 1];
                }
                System.arraycopy(piece, 0, buf, 3 + len, piece.length);
                len += piece.length;
            }
            long line = random.nextInt(1_000_000);
            long time = 1_700_000_000_000L + random.nextInt();
            boolean partial = random.nextInt(5) == 0;
            boolean cont = random.nextInt(5) == 0;
            byte[] ours = LinePayload.encode(line, time, buf, 3, len, partial, cont);
            byte[] text = Arrays.copyOfRange(buf, 3, 3 + len);
            boolean valid = Arrays.equals(text, new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            if (ours == null) {
                assertFalse(valid, () -> "valid UTF-8 refused: " + Arrays.toString(text));
                refused++;
            } else {
                assertArrayEquals(gson(line, time, new String(text, StandardCharsets.UTF_8), partial, cont), ours,
                        () -> "differs from Gson for " + Arrays.toString(text));
                accepted++;
            }
        }
        assertTrue(accepted > 5_000 && refused > 5_000, "accepted " + accepted + ", refused " + refused);
    }
}
