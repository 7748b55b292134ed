package org.ssewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where in the run the slow deliveries were: per 100 ms of write time, the samples, those over
 * 50 ms and the slowest. A p99 says how many; this says when (a warm-up, a collection, a burst).
 */
final class Timeline {
    private final long[] samples;
    private final long[] over50ms;
    private final long[] max;
    private long firstWriteMicros;

    /** For a run of up to {@code seconds}; anything later counts in the last slot. */
    Timeline(double seconds) {
        int slots = (int) Math.ceil(seconds * 10) + 1;
        samples = new long[slots];
        over50ms = new long[slots];
        max = new long[slots];
    }

    void record(long writeMicros, long latencyMicros) {
        if (firstWriteMicros == 0) {
            firstWriteMicros = writeMicros;
        }
        int slot = (int) Math.max(0, Math.min(samples.length - 1, (writeMicros - firstWriteMicros) / 100_000));
        samples[slot]++;
        if (latencyMicros > 50_000) {
            over50ms[slot]++;
        }
        max[slot] = Math.max(max[slot], latencyMicros);
    }

    /** Writes the timeline, unless nothing carried a write time (catch-up's lines do not). */
    void write(Path file) throws IOException {
        if (firstWriteMicros == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder("# first line written at ")
                .append(Instant.ofEpochSecond(firstWriteMicros / 1_000_000, firstWriteMicros % 1_000_000 * 1000))
                .append("\n# seconds-into-run samples over-50ms max-ms\n");
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] > 0) {
                sb.append(String.format(java.util.Locale.ROOT, "%5.1f %d %d %d%n", i / 10.0, samples[i], over50ms[i],
                        max[i] / 1000));
            }
        }
        Files.writeString(file, sb);
    }
}
