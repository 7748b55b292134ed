package org.ssewatch.bench;

import java.nio.charset.StandardCharsets;

/**
 * What one viewer received: how many {@code stdout} lines, whether their sequence numbers ran
 * 1, 2, 3, ... with none missing or repeated, gap events, and the {@code exit} event. For lines
 * written by {@code Flood rate}, each line's latency (receipt minus the write time the line
 * carries) goes to the histogram and timeline all viewers share.
 */
final class LineCounter {
    private static final byte[] TEXT_T = "\"text\":\"T".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_LINE = "\"text\":\"line ".getBytes(StandardCharsets.US_ASCII);

    private final Histogram latency;
    private final Timeline timeline;
    long lines;
    long outOfOrder;
    long gaps;
    boolean sawExit;
    private long lastSeq;

    LineCounter(Histogram latency, Timeline timeline) {
        this.latency = latency;
        this.timeline = timeline;
    }

    /**
     * One stdout event's JSON payload in {@code b[from, to)}, received at {@code nowMicros} (epoch
     * microseconds, the clock {@code Flood rate} stamps its lines with).
     */
    void stdout(byte[] b, int from, int to, long nowMicros) {
        lines++;
        int t = Bytes.indexOf(b, from, to, TEXT_T);
        if (t >= 0) {
            int i = t + TEXT_T.length;
            long micros = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                micros = micros * 10 + (b[i++] - '0');
            }
            i += 2; // " S"
            long seq = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                seq = seq * 10 + (b[i++] - '0');
            }
            latency.record(nowMicros - micros);
            timeline.record(micros, nowMicros - micros);
            if (seq != lastSeq + 1) {
                outOfOrder++;
            }
            lastSeq = seq;
            return;
        }
        int l = Bytes.indexOf(b, from, to, TEXT_LINE);
        if (l >= 0) {
            int i = l + TEXT_LINE.length;
            long seq = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                seq = seq * 10 + (b[i++] - '0');
            }
            // Flood's counter has 7 digits and wraps silently past them; compare modulo.
            if (seq != (lastSeq + 1) % 10_000_000) {
                outOfOrder++;
            }
            lastSeq++;
        }
    }

    void exit() {
        sawExit = true;
    }

    void gap() {
        gaps++;
    }

    /** Whether every line came, in order, and then the exit ({@code expect} lines, or any number if negative). */
    boolean complete(long expect) {
        return sawExit && outOfOrder == 0 && gaps == 0 && (expect < 0 || lines == expect);
    }
}
