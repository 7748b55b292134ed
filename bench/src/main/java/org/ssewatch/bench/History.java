package org.ssewatch.bench;

import static org.ssewatch.bench.Fmt.mb;
import static org.ssewatch.bench.Fmt.ms;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a finished run by line number (issue 16's server side): a flood of short lines with
 * {@code --linger}, then, once it exited, {@code lines} at line 1, the middle and the tail, and a
 * search for a string printed once, three quarters of the way in: the time to its first hit and
 * to the whole run's count, each as a page would get them, following {@code continue}.
 */
final class History {
    private static final Pattern CONTINUE = Pattern.compile("\"continue\":(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final int RUNS = 5;

    private final Processes procs;
    private final Table table;
    private FinishedFlood flood;  // the run being read

    History(Processes procs, Table table) {
        this.procs = procs;
        this.table = table;
    }

    void measure(long... runs) throws Exception {
        for (long lines : runs) {
            measure(lines);
        }
    }

    private void measure(long lines) throws Exception {
        try (FinishedFlood f = new FinishedFlood(procs, lines)) {
            flood = f;
            read(lines);
        }
    }

    private void read(long lines) throws Exception {
        Run r = flood.run;
        URI base = flood.base;
        String label = String.format(Locale.ROOT, "%,d lines", lines);
        String first = rangeTimes(base, "lines?from=1&to=100");
        String middle = rangeTimes(base, "lines?from=" + lines / 2 + "&to=" + (lines / 2 + 99));
        String last = rangeTimes(base, "lines?tail=100");
        table.row("history, " + label + ": `lines`, 100 lines at line 1 / the middle / the tail",
                first + " / " + middle + " / " + last, "median of " + RUNS + " (first request)", "", "",
                mb(r.stats.peakRssKb()), "", null);
        // Flood lines are "line NNNNNNN xx": the number is printed once in a run of up to 10M lines.
        String rare = String.format(Locale.ROOT, "%07d", lines * 3 / 4);
        double toFirst = 0;
        double toCount = 0;
        double countCpu = 0;
        long count = 0;
        int requests = 0;
        for (int run = 0; run < 3; run++) {
            double[] firstHit = {0};
            long t0 = System.nanoTime();
            int n = follow(base, "search?limit=1&q=" + rare, t0, firstHit, new long[1]);
            toFirst += firstHit[0];
            long t1 = System.nanoTime();
            double cpu0 = r.stats.cpuSeconds();
            long[] found = {0};
            n += follow(base, "search?limit=0&q=" + rare, t1, new double[1], found);
            toCount += (System.nanoTime() - t1) / 1e9;
            countCpu += r.stats.cpuSeconds() - cpu0;
            count = found[0];
            requests = n;
        }
        table.row("history, " + label + ": `search` for a string printed once, 3/4 in",
                "first hit " + ms(toFirst / 3) + ", count " + ms(toCount / 3) + " (mean of 3)",
                count + " line found, " + requests + " requests for both", "",
                String.format(Locale.ROOT, "count: %.2f s", countCpu / 3), "",
                lines >= 10_000_000 ? "first hit < 1 s, count < 3 s (issue 16)" : "",
                lines >= 10_000_000 ? (Boolean) (toFirst / 3 < 1 && toCount / 3 < 3) : null);
    }

    /** Requests {@code query} from line 1 on, following {@code continue} to the end; returns the requests made. */
    private int follow(URI base, String query, long t0, double[] firstHit, long[] found) throws Exception {
        long from = 1;
        int requests = 0;
        while (true) {
            String body = get(base, query + "&from=" + from);
            requests++;
            Matcher c = COUNT.matcher(body);
            if (c.find() && Long.parseLong(c.group(1)) > 0) {
                found[0] += Long.parseLong(c.group(1));
                if (firstHit[0] == 0) {
                    firstHit[0] = (System.nanoTime() - t0) / 1e9;
                }
            }
            Matcher m = CONTINUE.matcher(body);
            if (!m.find()) {
                return requests;
            }
            from = Long.parseLong(m.group(1));
        }
    }

    /** The median of RUNS requests, and the first one (the cold one) in brackets. */
    private String rangeTimes(URI base, String query) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            String body = get(base, query);
            times.add((System.nanoTime() - t0) / 1e9);
            if (!body.contains("\"lines\":[{")) {
                throw new IllegalStateException("no lines for " + query + ": " + body.substring(0, Math.min(200, body.length())));
            }
        }
        double firstTime = times.get(0);
        Collections.sort(times);
        return ms(times.get(RUNS / 2)) + " (" + ms(firstTime) + ")";
    }

    private String get(URI base, String relative) throws Exception {
        return flood.get(relative);
    }
}
