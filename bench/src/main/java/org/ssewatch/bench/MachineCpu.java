package org.ssewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU between two moments, from /proc/stat's {@code cpu} line: how many cores
 * were busy, and how much of that was niced work. Everything this benchmark starts runs at nice 0
 * and everything else on this shared machine (other builds and tests) at nice 10, so the niced
 * share says how much of the machine the measurement did not have.
 */
final class MachineCpu {
    private final long busy;
    private final long niced;
    private final long total;

    private MachineCpu(long busy, long niced, long total) {
        this.busy = busy;
        this.niced = niced;
        this.total = total;
    }

    static MachineCpu now() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long[] v = new long[8];
            for (int i = 0; i < 8; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            long idle = v[3] + v[4];
            long all = 0;
            for (long x : v) {
                all += x;
            }
            return new MachineCpu(all - idle, v[1], all);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0, 0);
        }
    }

    /** From {@code start} to this sample, in words: busy cores of the machine's, and the niced part. */
    String since(MachineCpu start) {
        long t = total - start.total;
        if (t <= 0) {
            return "machine CPU ?";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "machine %.2f of %d cores busy, %.2f of them other (niced) work",
                cores * (busy - start.busy) / (double) t, cores, cores * (niced - start.niced) / (double) t);
    }
}
