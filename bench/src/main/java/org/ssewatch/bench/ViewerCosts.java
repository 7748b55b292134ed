package org.ssewatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a viewer costs one node, from runs at several counts of viewers: the slope of peak RSS over
 * viewers and of CPU over delivered events between the smallest and the largest count (what is
 * fixed, the JVM, the journal, the command's reading, drops out), and what those slopes say of a
 * larger count, which is an estimate and says so.
 */
final class ViewerCosts {
    /** One count of viewers measured. */
    record Point(int viewers, long rssKb, double cpuSeconds, long events) {
    }

    private final List<Point> points = new ArrayList<>();

    void add(Point p) {
        points.add(p);
    }

    boolean hasSlope() {
        return points.size() >= 2 && last().viewers != first().viewers;
    }

    double rssKbPerViewer() {
        return (last().rssKb - first().rssKb) / (double) (last().viewers - first().viewers);
    }

    double cpuMicrosPerEvent() {
        return (last().cpuSeconds - first().cpuSeconds) * 1e6 / (last().events - first().events);
    }

    /** Peak RSS at {@code viewers}, extended from the largest count measured. */
    long rssKbAt(int viewers) {
        return Math.round(last().rssKb + rssKbPerViewer() * (viewers - last().viewers));
    }

    /** Cores kept busy by {@code viewers} at {@code linesPerSecond}, at the measured cost per event. */
    double coresAt(int viewers, int linesPerSecond) {
        return cpuMicrosPerEvent() * 1e-6 * viewers * linesPerSecond;
    }

    /** The points as a markdown table, the slopes, and the estimate for {@code target} viewers. */
    String markdown(int target, int linesPerSecond, String load) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "One node, cost per viewer (slopes between %,d and %,d "
                + "viewers; %s):%n%n| viewers | peak RSS | ssewatch CPU seconds | events delivered | CPU per event |%n"
                + "|---|---|---|---|---|%n", first().viewers, last().viewers, load));
        for (Point p : points) {
            b.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %,d | %.2f µs |%n", p.viewers, Fmt.mb(p.rssKb), p.cpuSeconds,
                    p.events, p.cpuSeconds * 1e6 / Math.max(1, p.events)));
        }
        b.append(String.format(Locale.ROOT, "%nPer viewer: %.1f KB of RSS; per delivered event: %.2f µs of CPU. "
                + "**Estimate**, not measured, for %,d viewers at %d lines/s on one node: RSS ≈ %s, CPU ≈ %.1f cores, "
                + "%,d sockets (fds). The CPU slope holds only for runs that had the CPU they wanted (see the machine's "
                + "share in each row): a starved server writes more events per write, and its cost per event falls.%n", rssKbPerViewer(), cpuMicrosPerEvent(), target, linesPerSecond, Fmt.mb(rssKbAt(target)),
                coresAt(target, linesPerSecond), target));
        return b.toString();
    }

    private Point first() {
        return points.get(0);
    }

    private Point last() {
        return points.get(points.size() - 1);
    }
}
