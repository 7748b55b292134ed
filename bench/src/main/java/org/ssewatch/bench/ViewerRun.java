package org.ssewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One measured fan-out: the viewers' process ({@link Load}) connects all its viewers, then the go
 * file is created (the generator, waiting for it, starts writing), and the viewers' result is
 * read. The CPU of every observed process is taken at the go signal and at the result, so it
 * covers the delivery and not the connecting.
 */
final class ViewerRun {
    /** What the viewers' process reported, {@code key=value}; empty if it reported nothing. */
    final Map<String, String> result;
    /** The viewers' own line, for the progress log. */
    final String resultLine;
    /** Seconds from the go signal to the viewers' result. */
    final double seconds;
    /** CPU seconds from the go signal to the result, per observed process, in the order given; the viewers' last. */
    final double[] cpu;
    final long goAt;
    /** The whole machine's CPU over the same interval: how much of it others took. */
    final String machine;

    private ViewerRun(String resultLine, double seconds, double[] cpu, long goAt, String machine) {
        this.resultLine = resultLine;
        this.result = parse(resultLine);
        this.seconds = seconds;
        this.cpu = cpu;
        this.goAt = goAt;
        this.machine = machine;
    }

    /**
     * Runs {@code viewers} SSE (or {@code poll} long-poll) viewers of {@code url} expecting
     * {@code expect} lines each; {@code onGo} runs when they are all connected, and must start the
     * generator. {@code observed} are sampled for CPU.
     */
    static ViewerRun run(Processes procs, String url, int sse, int poll, long expect, double seconds, String timelineCase,
            List<ProcStats> observed, Path go, Hooks hooks) throws Exception {
        int viewers = sse + poll;
        // Connecting goes at a bounded pace (Load.CONNECTING at a time): allow a few ms per viewer.
        double connectSeconds = 60 + viewers / 100.0;
        Process load = procs.load(url, sse, poll, expect, connectSeconds + seconds + 40, timelineCase);
        try {
            ProcStats loadStats = new ProcStats(load.pid());
            LinkedBlockingQueue<String> out = Processes.lines(load);
            String line;
            long readyBy = System.nanoTime() + (long) (connectSeconds * 1e9);
            while (!"READY".equals(line = out.poll(Math.max(1, readyBy - System.nanoTime()), TimeUnit.NANOSECONDS))) {
                if (line == null || line.startsWith("RESULT")) {
                    throw new IllegalStateException("viewers did not connect: " + line + " " + hooks.why());
                }
            }
            double[] cpu0 = new double[observed.size() + 1];
            for (int i = 0; i < observed.size(); i++) {
                cpu0[i] = observed.get(i).cpuSeconds();
            }
            cpu0[observed.size()] = loadStats.cpuSeconds();
            hooks.atGo();
            MachineCpu machine0 = MachineCpu.now();
            long goAt = System.nanoTime();
            Files.createFile(go);
            String result = null;
            while (result == null) {
                line = out.poll((long) seconds + 60, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                if (line.startsWith("RESULT")) {
                    result = line;
                }
            }
            long endAt = System.nanoTime();
            String machine = MachineCpu.now().since(machine0);
            hooks.atEnd();
            double[] cpu = new double[cpu0.length];
            for (int i = 0; i < observed.size(); i++) {
                cpu[i] = observed.get(i).cpuSeconds() - cpu0[i];
            }
            cpu[observed.size()] = loadStats.cpuSeconds() - cpu0[observed.size()];
            load.waitFor(10, TimeUnit.SECONDS);
            return new ViewerRun(result, (endAt - goAt) / 1e9, cpu, goAt, machine);
        } finally {
            load.destroyForcibly();
        }
    }

    /** What the caller adds: when the viewers do not connect, the server's last words; what to take at the go and at the end. */
    interface Hooks {
        String why();

        default void atGo() throws Exception {
        }

        default void atEnd() throws Exception {
        }
    }

    long number(String key) {
        return Long.parseLong(result.getOrDefault(key, "-1"));
    }

    /** Whether every viewer got every line in order, and the exit, and nothing went wrong. */
    boolean lossless(int viewers) {
        return number("complete") == viewers && number("outOfOrder") == 0 && number("gaps") == 0 && number("errors") == 0;
    }

    /** What the viewers counted, in words: complete viewers, lines, and anything out of order. */
    String delivered(int viewers, long expect) {
        String s = String.format(java.util.Locale.ROOT, "%,d/%,d viewers got all %,d lines; %,d/%,d lines received",
                number("complete"), viewers, expect, number("lines"), expect * viewers);
        if (number("outOfOrder") != 0 || number("gaps") != 0 || number("errors") != 0) {
            s += "; out of order " + result.get("outOfOrder") + ", gaps " + result.get("gaps") + ", errors " + result.get("errors")
                    + ("null".equals(result.get("firstError")) ? "" : " (" + result.get("firstError") + ")");
        }
        return s;
    }

    /** p50 / p99 (max), write to receipt. */
    String latency() {
        return Fmt.latency(number("p50us")) + " / " + Fmt.latency(number("p99us")) + " (max " + Fmt.latency(number("maxus")) + ")";
    }

    static Map<String, String> parse(String result) {
        Map<String, String> m = new HashMap<>();
        if (result != null) {
            for (String kv : result.split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return new LinkedHashMap<>(m);
    }
}
