package org.ssewatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the table writes durations, rates, sizes and CPU shares, and the summaries of repeated runs. */
final class Fmt {
    private Fmt() {
    }

    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M lines/s", perSecond / 1e6)
                : String.format(Locale.ROOT, "%,.0f k lines/s", perSecond / 1e3);
    }

    static String latency(long micros) {
        if (micros < 0) {
            return "n/a";
        }
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0)
                : String.format(Locale.ROOT, "%,d ms", micros / 1000);
    }

    static String cpu(double cpuSeconds, double wallSeconds) {
        return String.format(Locale.ROOT, "%.1f s (%.0f%% of a core)", cpuSeconds, 100 * cpuSeconds / Math.max(wallSeconds, 1e-3));
    }

    static String mb(long kb) {
        return kb <= 0 ? "?" : String.format(Locale.ROOT, "%,d MB", Math.round(kb / 1024.0));
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
