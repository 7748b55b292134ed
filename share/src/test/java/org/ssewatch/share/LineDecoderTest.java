package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
    private final Lines lines = new Lines();
    private final LineDecoder decoder = new LineDecoder(64, lines);

    private void feed(String s) {
        feed(s.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte[] b) {
        decoder.feed(b, 0, b.length);
    }

    @Test
    void linefeedEndsALineAndTheTerminatorIsNotPartOfTheText() {
        feed("one\ntwo\n\nthree");
        decoder.finish();
        assertEquals(List.of("one", "two", "", "three"), lines.texts());
    }

    @Test
    void crlfIsAPlainLineEndEvenWhenSplitAcrossReads() {
        feed("dos\r");
        feed("\nline\r\n");
        assertEquals(List.of("dos", "line"), lines.texts());
    }

    @Test
    void carriageReturnProgressEndsAsTheTerminalShowsIt() {
        feed("10%\r20%\r100%\n");
        feed("abcdef\rXY\n");
        assertEquals(List.of("100%", "XYcdef"), lines.texts());
    }

    @Test
    void carriageReturnRewritesKeepTheStyleOfTheSurvivingText() {
        feed("\u001b[31mabcdef\u001b[0m\rXY\n");
        assertEquals(List.of("XY\u001b[31mcdef\u001b[0m"), lines.texts());
    }

    @Test
    void aTrailingCarriageReturnAtTheEndOfInputChangesNothing() {
        feed("done\r");
        decoder.finish();
        assertEquals(List.of("done"), lines.texts());
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersNeverLoneSurrogates() {
        feed(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'c', '\n'});
        String text = lines.all.get(0).text();
        assertTrue(text.startsWith("a\ufffdb"), text);
        assertTrue(text.endsWith("c"), text);
        for (char c : text.toCharArray()) {
            assertFalse(Character.isSurrogate(c), "lone surrogate in " + text);
        }
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeWhole() {
        byte[] euro = "€ and 😀\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : euro) {
            decoder.feed(new byte[] {b}, 0, 1);
        }
        assertEquals(List.of("€ and 😀"), lines.texts());
    }

    @Test
    void nulAndOtherControlBytesSurviveAsText() {
        feed("a\0b\u0007c\u001b[1mbold\n");
        assertEquals(List.of("a\0b\u0007c\u001b[1mbold"), lines.texts());
    }

    @Test
    void aLineLongerThanTheLimitIsSplitIntoContinuations() {
        feed("x".repeat(150) + "\n");
        List<Lines.Line> all = lines.all;
        assertEquals(3, all.size());
        assertEquals(64, all.get(0).text().length());
        assertFalse(all.get(0).cont());
        assertTrue(all.get(1).cont());
        assertTrue(all.get(2).cont());
        assertEquals("x".repeat(150), all.get(0).text() + all.get(1).text() + all.get(2).text());
    }

    @Test
    void splittingNeverCutsAMultiByteCharacter() {
        String s = "é".repeat(100); // two bytes each: 64 bytes is 32 characters exactly, so shift by one
        feed("a" + s + "\n");
        StringBuilder joined = new StringBuilder();
        for (Lines.Line l : lines.all) {
            assertFalse(l.text().contains("\ufffd"), l.text());
            joined.append(l.text());
        }
        assertEquals("a" + s, joined.toString());
    }

    @Test
    void anOpenLineIsSentAsPartialOnlyAfterItHasWaited() {
        feed("Password: ");
        decoder.flushPartial(System.nanoTime(), 1_000_000_000L);
        assertTrue(lines.all.isEmpty(), "sent too early: " + lines.texts());
        decoder.flushPartial(System.nanoTime() + 2_000_000_000L, 1_000_000_000L);
        feed("secret\n");
        assertEquals(List.of("partial:Password: ", "Password: secret"), lines.texts());
    }

    @Test
    void anUnchangedPartialLineIsNotSentTwice() {
        feed("50%");
        long later = System.nanoTime() + 1_000_000_000L;
        decoder.flushPartial(later, 0);
        decoder.flushPartial(later, 0);
        feed("\r60%");
        decoder.flushPartial(later + 1, 0);
        assertEquals(List.of("partial:50%", "partial:60%"), lines.texts());
    }

    @Test
    void aPartialLineHoldsBackAnIncompleteMultiByteCharacter() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        decoder.feed(new byte[] {'a', euro[0], euro[1]}, 0, 3);
        decoder.flushPartial(System.nanoTime() + 1_000_000_000L, 0);
        decoder.feed(new byte[] {euro[2], '\n'}, 0, 2);
        assertEquals(List.of("partial:a", "a€"), lines.texts());
    }

    @Test
    void aHugeLineWithNoNewlineUsesBoundedMemory() {
        LineDecoder big = new LineDecoder(64 * 1024, lines);
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'z');
        for (int i = 0; i < 256; i++) { // 256 MiB through a 64 KiB line buffer
            big.feed(chunk, 0, chunk.length);
        }
        big.finish();
        assertEquals(4096, lines.all.size());
        assertTrue(lines.all.stream().skip(1).allMatch(Lines.Line::cont));
    }

    @Test
    void theWordAtATimeSearchFindsTheFirstLineEndWhereverItIs() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = {'a', '\n', '\r', 0, 0x0b, 0x0c, 0x0e, 0x09, (byte) 0x8a, (byte) 0x8d, (byte) 0xff, 0x01};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int end = from + random.nextInt(b.length - from + 1);
            int expected = from;
            while (expected < end && b[expected] != '\n' && b[expected] != '\r') {
                expected++;
            }
            assertEquals(expected, LineDecoder.lineEnd(b, from, end), java.util.Arrays.toString(b) + " " + from + ".." + end);
        }
    }

    @Test
    void linesAreTheSameHoweverTheInputIsCutIntoReads() {
        java.util.Random random = new java.util.Random(11);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append("line ").append(i).append(" ").append("é€x".repeat(random.nextInt(8)));
            text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
        Lines whole = new Lines();
        LineDecoder once = new LineDecoder(1024, whole);
        once.feed(all, 0, all.length);
        once.finish();
        assertEquals(2_000, whole.all.size());
        Lines cut = new Lines();
        LineDecoder pieces = new LineDecoder(1024, cut);
        for (int i = 0; i < all.length;) {
            int n = Math.min(all.length - i, 1 + random.nextInt(37));
            pieces.feed(all, i, n);
            i += n;
        }
        pieces.finish();
        assertEquals(whole.texts(), cut.texts());
        assertEquals("line 0 ", whole.texts().get(0).replaceAll("[é€x]", ""));
    }
}
