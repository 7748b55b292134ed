package org.ssewatch.bench;

/** Latencies in microseconds: 10 us buckets to 1 s, then 1 ms buckets to 100 s. */
final class Histogram {
    private final long[] fine = new long[100_000];
    private final long[] coarse = new long[100_000];
    private long count;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        count++;
        max = Math.max(max, v);
        if (v < 1_000_000) {
            fine[(int) (v / 10)]++;
        } else {
            coarse[(int) Math.min(coarse.length - 1, v / 1000)]++;
        }
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** The smallest value v such that at least {@code q} of the samples are <= v (bucket upper bound). */
    long percentile(double q) {
        if (count == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < fine.length; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return Math.min(max, (i + 1) * 10L);
            }
        }
        for (int i = 0; i < coarse.length; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return Math.min(max, (i + 1) * 1000L);
            }
        }
        return max;
    }
}
