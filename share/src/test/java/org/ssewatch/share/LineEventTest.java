package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineEventTest {
    private final Payloads payloads = new Payloads();

    private static Event event(byte[] payload) {
        return new Event(7, EventTypes.STDERR, payload);
    }

    @Test
    void aLinePayloadIsReadBackWithItsStreamNumberTimeTextAndFlags() {
        LineEvent l = LineEvent.of(event(payloads.line(12, 345, "a \"quoted\" \u001b[1mword\u001b[0m\ttab \u2028", true, true)));
        assertEquals(new LineEvent(7, EventTypes.STDERR, 12, 345, "a \"quoted\" \u001b[1mword\u001b[0m\ttab \u2028", true, true), l);
    }

    @Test
    void randomTextIsReadBackAsWritten() {
        Random r = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = r.nextInt(40); k > 0; k--) {
                text.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x40) : r.nextInt(0x3000)));
            }
            String t = new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8); // no lone surrogates
            boolean partial = r.nextBoolean();
            boolean cont = r.nextBoolean();
            LineEvent l = LineEvent.of(event(payloads.line(i + 1, i, t, partial, cont)));
            assertEquals(new LineEvent(7, EventTypes.STDERR, i + 1, i, t, partial, cont), l, t);
        }
    }

    @Test
    void aPayloadInAnotherFieldOrderIsReadToo() {
        byte[] p = "{\"text\":\"x\\u0041\",\"extra\":[1],\"line\":3,\"time\":4}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new LineEvent(7, EventTypes.STDERR, 3, 4, "xA", false, false), LineEvent.of(event(p)));
        assertEquals(3, LineEvent.lineNumber(event(p)));
    }

    @Test
    void otherEventsAreNotLines() {
        assertNull(LineEvent.of(new Event(1, EventTypes.START, "{\"time\":1}".getBytes(StandardCharsets.UTF_8))));
        assertNull(LineEvent.of(event("{\"time\":1}".getBytes(StandardCharsets.UTF_8))), "a payload without a line");
    }

    @Test
    void plainAsciiTextIsFoundInPlaceAndAnythingElseIsNot() {
        byte[] p = payloads.line(3, 4, "just text", false, false);
        long at = LineEvent.plainText(p);
        assertEquals("just text", new String(p, (int) (at >>> 32), (int) at - (int) (at >>> 32), StandardCharsets.US_ASCII));
        assertEquals(-1, LineEvent.plainText(payloads.line(3, 4, "a \u001b[1mbold", false, false)), "an escape");
        assertEquals(-1, LineEvent.plainText(payloads.line(3, 4, "tab\there", false, false)));
        assertEquals(-1, LineEvent.plainText(payloads.line(3, 4, "caf\u00e9", false, false)), "not ASCII");
        assertEquals(-1, LineEvent.plainText(payloads.line(3, 4, "del\u007f", false, false)));
    }

    @Test
    void aPartialVersionIsToldFromTheEndOfItsPayload() {
        for (boolean partial : new boolean[] {false, true}) {
            for (boolean cont : new boolean[] {false, true}) {
                for (String text : new String[] {"x", "ends like \",\"partial\":true", ""}) {
                    assertEquals(partial, LineEvent.isPartial(event(payloads.line(1, 2, text, partial, cont))), text + partial + cont);
                }
            }
        }
    }
}
