package org.ssewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCounterTest {
    private static void stdout(LineCounter c, String payload, long nowMicros) {
        byte[] b = ("xx" + payload).getBytes(StandardCharsets.US_ASCII);
        c.stdout(b, 2, b.length, nowMicros);
    }

    @Test
    void rateLinesInOrderAreCompleteAndTheirLatencyIsReceiptMinusWriteTime() {
        Histogram latency = new Histogram();
        LineCounter c = new LineCounter(latency, new Timeline(1));
        stdout(c, "{\"line\":1,\"text\":\"T1000000 S1 xxx\"}", 1_000_250);
        stdout(c, "{\"line\":2,\"text\":\"T1000100 S2 xxx\"}", 1_020_100);
        c.exit();
        assertTrue(c.complete(2));
        assertFalse(c.complete(3), "one line short");
        assertEquals(2, latency.count());
        assertEquals(20_000, latency.max());
        assertEquals(260, latency.percentile(0.5), "the 10 us bucket's upper bound");
    }

    @Test
    void aMissingOrRepeatedLineOrAGapMakesItIncomplete() {
        LineCounter skipped = new LineCounter(new Histogram(), new Timeline(1));
        stdout(skipped, "{\"text\":\"T1 S1\"}", 2);
        stdout(skipped, "{\"text\":\"T1 S3\"}", 2);
        skipped.exit();
        assertEquals(1, skipped.outOfOrder);
        assertFalse(skipped.complete(-1));

        LineCounter gap = new LineCounter(new Histogram(), new Timeline(1));
        stdout(gap, "{\"text\":\"T1 S1\"}", 2);
        gap.gap();
        gap.exit();
        assertFalse(gap.complete(-1));
    }

    @Test
    void floodLinesAreCountedModuloTheirSevenDigitCounter() {
        LineCounter c = new LineCounter(new Histogram(), new Timeline(1));
        for (long seq = 1; seq <= 3; seq++) {
            stdout(c, "{\"text\":\"line " + seq + " xxxxxxxx\"}", 0);
        }
        assertEquals(0, c.outOfOrder);
        stdout(c, "{\"text\":\"line 5 xxxxxxxx\"}", 0);
        assertEquals(1, c.outOfOrder);
        c.exit();
        assertFalse(c.complete(4));
        assertEquals(4, c.lines);
    }
}
