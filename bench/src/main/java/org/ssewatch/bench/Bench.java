package org.ssewatch.bench;

import static org.ssewatch.bench.Fmt.cpu;
import static org.ssewatch.bench.Fmt.latency;
import static org.ssewatch.bench.Fmt.max;
import static org.ssewatch.bench.Fmt.mb;
import static org.ssewatch.bench.Fmt.median;
import static org.ssewatch.bench.Fmt.min;
import static org.ssewatch.bench.Fmt.ms;
import static org.ssewatch.bench.Fmt.rate;
import static org.ssewatch.bench.Fmt.secs;
import static org.ssewatch.bench.Fmt.trim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark driver: runs every scenario of issue 7 one after the other against the real
 * ssewatch process, and prints one markdown table (also written to bench-results/). Run it from
 * the repository root with {@code bench/run}.
 *
 * <p>System properties: {@code bench.seconds} (length of each fan-out run, default 10),
 * {@code bench.only} (comma-separated scenario names: startup, ingest, fanout, catchup, stuck; or single
 * fan-out runs: sse1000, poll, sse10k; or, not run by default, order: how often stdout and stderr keep
 * their order, and history: reading finished runs of 1M and 10M lines by line number, and searching them;
 * viewers10k and relays: issue 18's scale cases, see {@link Scale}, with {@code bench.viewers} and
 * {@code bench.relayViewers}, comma-separated counts of viewers).
 * Environment: {@code SSEWATCH_CMD} replaces the ssewatch command (split on spaces),
 * {@code SSEWATCH_JAVA_OPTS} adds JVM options to the default one.
 */
public final class Bench {
    private final Path root = Path.of("").toAbsolutePath();
    private final Path benchJar = root.resolve("bench/target/ssewatch-bench.jar");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final List<String> ssewatch;
    private final String measured;
    private final Processes procs;
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
    private final List<String> only = Arrays.asList(System.getProperty("bench.only",
            "startup,ingest,fanout,catchup,stuck").split(","));
    private final Table table = new Table();
    private static final String RUNS_NOTE = "5 runs of 2,000 lines per gap, counted by an SSE viewer";

    private Bench() throws IOException {
        String cmd = System.getenv("SSEWATCH_CMD");
        List<String> opts = Processes.splitOpts(System.getenv("SSEWATCH_JAVA_OPTS"));
        Path cliJar = root.resolve("cli/target/ssewatch.jar");
        Path script = root.resolve("ssewatch");
        if (cmd != null && !cmd.isBlank()) {
            ssewatch = Processes.splitOpts(cmd);
            measured = "`" + cmd + "` (SSEWATCH_CMD)";
        } else if (!Files.isRegularFile(cliJar)) {
            throw new IllegalStateException("no " + cliJar + ": build the reactor first (bench/run does), or set SSEWATCH_CMD");
        } else if (Files.isExecutable(script)) {
            // What the README tells users to run; it sets JVM options of its own and appends
            // SSEWATCH_JAVA_OPTS (inherited from this process's environment) to them.
            ssewatch = new ArrayList<>(List.of(script.toString()));
            measured = "the CLI through the repository's `./ssewatch` launcher"
                    + (opts.isEmpty() ? "" : " with SSEWATCH_JAVA_OPTS='" + String.join(" ", opts) + "'");
        } else {
            ssewatch = new ArrayList<>(List.of(java));
            ssewatch.addAll(opts);
            ssewatch.addAll(List.of("-jar", cliJar.toString()));
            measured = "the CLI, `java " + String.join(" ", opts) + (opts.isEmpty() ? "" : " ")
                    + "-jar cli/target/ssewatch.jar`";
        }
        procs = new Processes(java, benchJar, ssewatch);
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        try {
            b.runAll();
        } finally {
            b.procs.cleanUp();
        }
        System.exit(0);
    }

    private void runAll() throws Exception {
        long t0 = System.nanoTime();
        if (only.contains("startup")) {
            startup();
        }
        if (only.contains("ingest")) {
            ingest("5M short lines", 5_000_000, 16);
            ingest("200k lines of 1 KiB", 200_000, 1024);
        }
        boolean all = only.contains("fanout");
        if (all) {
            fanOut(1, 0, 1000);
            fanOut(100, 0, 1000);
        }
        if (all || only.contains("sse1000")) {
            fanOut(1000, 0, 1000);
        }
        if (all || only.contains("poll")) {
            fanOut(0, 100, 1000);
        }
        if (all || only.contains("sse10k")) {
            fanOut(100, 0, 10_000);
        }
        // Issue 18's scale cases, only when named: 30 s each by default (-Dbench.seconds), several counts of viewers.
        double scaleSeconds = Double.parseDouble(System.getProperty("bench.seconds", "30"));
        if (only.contains("viewers10k")) {
            new Scale(procs, table, scaleSeconds).oneNode(Scale.counts("bench.viewers", "1000,5000,10000"));
        }
        if (only.contains("relays")) {
            new Scale(procs, table, scaleSeconds).relays(Scale.counts("bench.relayViewers", "1,100,10000"));
        }
        if (only.contains("catchup")) {
            catchUp(1_000_000);
        }
        if (only.contains("stuck")) {
            stuck(400_000, 200);
        }
        if (only.contains("history")) { // not by default: the 10M-line run takes minutes
            new History(procs, table).measure(1_000_000, 10_000_000);
        }
        if (only.contains("page")) { // not by default: needs chromium, and the 10M-line run takes minutes
            new PageHistory(procs, table).measure(1_000_000, 10_000_000);
        }
        if (only.contains("pagelive")) { // not by default: needs chromium
            new PageLive(procs, table).measure();
        }
        if (only.contains("order")) {
            table.section("Order of stdout and stderr (" + RUNS_NOTE + "):\n\n"
                    + new OrderRates(ssewatch, procs.generator(), procs.tmp).measure());
        }
        String markdown = table.render(measured, (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(markdown);
        Path dir = root.resolve("bench-results");
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(dir.resolve("bench-" + stamp + ".md"), markdown);
        Files.writeString(dir.resolve("latest.md"), markdown);
        System.err.println("bench: written to bench-results/bench-" + stamp + ".md and bench-results/latest.md");
    }

    // ---------------------------------------------------------------- scenarios

    private void startup() throws Exception {
        int runs = 5;
        List<Double> toUrl = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // Unobserved: on 2 cores, sampling /proc while ssewatch starts slows its start.
            Run r = new Run(procs.command(List.of("true"), null), false);
            double url = r.awaitUrl(30);
            r.awaitExit(30);
            toUrl.add(url);
            wall.add(r.wallSeconds());
            progress("start-up run " + (i + 1) + ": URL after " + ms(url) + ", exit after " + ms(r.wallSeconds()));
        }
        long peak = 0;
        for (int i = 0; i < 2; i++) {
            Run r = procs.launch(List.of("true"), null);
            r.awaitExit(30);
            peak = Math.max(peak, r.stats.peakRssKb());
        }
        double urlMedian = median(toUrl);
        table.row("start-up: launch → URL printed", ms(urlMedian) + " median of " + runs + " (" + ms(min(toUrl)) + "–"
                        + ms(max(toUrl)) + ")", "", "", "", "", "< 400 ms", urlMedian < 0.4);
        table.row("start-up: wall time of `ssewatch -- true`", ms(median(wall)) + " median of " + runs + " ("
                + ms(min(wall)) + "–" + ms(max(wall)) + ")", "", "", "", mb(peak), "RSS < 512 MB", peak < 512 * 1024);
    }

    private void ingest(String label, long lines, int bytes) throws Exception {
        Path report = procs.file("report-");
        List<String> gen = procs.generator("flood", Long.toString(lines), Integer.toString(bytes), "--report", report.toString());
        Run r = procs.launch(gen, null);
        r.awaitUrl(30);
        if (!r.awaitExit(600)) {
            throw new IllegalStateException("ingest run did not end");
        }
        double writerSeconds = Long.parseLong(Files.readString(report).trim()) / 1e9;
        double rate = lines / writerSeconds;
        double wall = r.wallSeconds();
        progress("ingest " + label + ": " + rate(rate) + " (writer " + secs(writerSeconds) + ", wall " + secs(wall)
                + "), exit " + r.process.exitValue());
        if (r.process.exitValue() != 0) {
            table.note("ingest " + label + ": ssewatch exited with " + r.process.exitValue() + ": " + r.stderrTail());
        }
        table.row("ingest: " + label + ", no viewer", rate(rate) + " (writer " + secs(writerSeconds) + "; wall incl. start-up "
                        + secs(wall) + ")", "", "", cpu(r.stats.cpuSeconds(), wall), mb(r.stats.peakRssKb()),
                "≥ 1M lines/s, RSS < 512 MB", rate >= 1_000_000 && r.stats.peakRssKb() < 512 * 1024);

        // The floor: the same command piped to cat.
        Path floorReport = procs.file("report-");
        List<String> floorGen = procs.generator("flood", Long.toString(lines), Integer.toString(bytes), "--report",
                floorReport.toString());
        Processes.settle();
        String sh = "exec " + String.join(" ", floorGen.stream().map(Processes::shellQuote).toList()) + " | cat > /dev/null";
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", sh).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(600, TimeUnit.SECONDS);
        double floorWall = (System.nanoTime() - t0) / 1e9;
        double floorWriter = Long.parseLong(Files.readString(floorReport).trim()) / 1e9;
        progress("floor " + label + ": " + rate(lines / floorWriter));
        table.row("floor: same command `\\| cat > /dev/null`", rate(lines / floorWriter) + " (writer " + secs(floorWriter)
                + "; wall " + secs(floorWall) + ")", "", "", "", "", "", null);
    }

    private void fanOut(int sse, int poll, int rate) throws Exception {
        long expect = Math.round(rate * seconds);
        Path go = procs.file("go-");
        // The CLI admits 256 viewers by default; leave room for all of them.
        Run r = procs.launch(procs.generator("rate", Integer.toString(rate), Double.toString(seconds), "--go", go.toString()), null,
                "--max-viewers", Integer.toString(Math.max(256, sse + poll + 100)));
        String url = r.awaitUrlText(30);
        ViewerRun run = ViewerRun.run(procs, url, sse, poll, expect, seconds,
                (sse > 0 ? "sse" + sse : "poll" + poll) + "-" + rate, List.of(r.stats), go, r::stderrTail);
        if (!r.awaitExit(30)) {
            table.note("fan-out " + sse + "/" + poll + ": ssewatch still running 30 s after the viewers were done; stopped");
            r.process.destroy();
            r.awaitExit(10);
        }
        double runSeconds = run.seconds;
        double cpu = run.cpu[0];
        double viewerCpu = run.cpu[1];
        Map<String, String> m = run.result;
        String result = run.resultLine;
        String who = sse > 0 ? String.format(Locale.ROOT, "%,d SSE", sse) : String.format(Locale.ROOT, "%,d long-poll", poll);
        String label = String.format(Locale.ROOT, "fan-out: %s viewers, %,d lines/s × %s s", who, rate, trim(seconds));
        int viewers = sse + poll;
        String delivered = run.delivered(viewers, expect);
        if (poll > 0) {
            delivered += String.format(Locale.ROOT, "; %,d polls", Long.parseLong(m.get("requests")));
        }
        long p99 = run.number("p99us");
        String lat = run.latency();
        boolean lossless = run.lossless(viewers);
        String target;
        Boolean met;
        long rss = r.stats.peakRssKb();
        if (sse == 1000) {
            target = "zero loss, p99 < 50 ms, RSS < 512 MB";
            met = lossless && p99 >= 0 && p99 < 50_000 && rss < 512 * 1024;
        } else if (rate == 10_000) {
            target = "zero loss, RSS < 512 MB";
            met = lossless && rss < 512 * 1024;
        } else {
            target = "zero loss, RSS < 512 MB";
            met = lossless && rss < 512 * 1024;
        }
        progress(label + ": " + result);
        table.row(label, String.format(Locale.ROOT, "%,d events/s out", Math.round(expect * (double) viewers / Math.max(seconds, runSeconds))),
                delivered, lat, cpu(cpu, runSeconds) + "; viewers' process: " + cpu(viewerCpu, runSeconds), mb(rss),
                target, met);
    }

    private void catchUp(long lines) throws Exception {
        Path report = procs.file("report-");
        Run r = procs.launch(procs.generator("flood", Long.toString(lines), "16", "--report", report.toString()), "600s");
        String url = r.awaitUrlText(30);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            String status = http.send(HttpRequest.newBuilder(URI.create(url).resolve("api/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (status.contains("\"state\":\"exited\"")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the catch-up run did not finish: " + status);
            }
            Thread.sleep(100);
        }
        double cpu0 = r.stats.cpuSeconds();
        Process load = procs.load(url, 1, 0, lines, 300, null);
        LinkedBlockingQueue<String> out = Processes.lines(load);
        String result = null;
        long t0 = System.nanoTime();
        while (result == null && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(320)) {
            String line = out.poll(320, TimeUnit.SECONDS);
            if (line != null && line.startsWith("RESULT")) {
                result = line;
            }
        }
        load.waitFor(10, TimeUnit.SECONDS);
        double cpu = r.stats.cpuSeconds() - cpu0;
        long rss = r.stats.peakRssKb();
        r.process.destroy(); // ends the linger
        if (!r.awaitExit(20)) {
            r.process.destroyForcibly();
        }
        Map<String, String> m = ViewerRun.parse(result);
        double took = Long.parseLong(m.getOrDefault("elapsedMs", "0")) / 1000.0;
        boolean ok = "1".equals(m.get("complete"));
        progress("catch-up: " + result);
        table.row(String.format(Locale.ROOT, "catch-up: a new SSE viewer reads %,d lines of history", lines),
                secs(took) + " (" + rate(lines / took) + ")",
                ok ? String.format(Locale.ROOT, "all %,d lines, in order", lines)
                        : "INCOMPLETE: " + m.get("lines") + " lines, " + m.get("gaps") + " gaps, error " + m.get("firstError"),
                "", cpu(cpu, took), mb(rss), "RSS < 512 MB", ok && rss < 512 * 1024);
    }

    /**
     * A flood of {@code lines} short lines with no viewer and with {@code stuck} SSE viewers that
     * connected and never read, alternated, three runs each: the writer's time and ssewatch's CPU
     * from the go signal to its exit. It exits about 5 s after the command, having waited for
     * viewers that will never catch up; its CPU then is flat, so that wait costs nothing here.
     */
    private void stuck(long lines, int stuck) throws Exception {
        int runs = 3;
        Map<Integer, List<Double>> writer = new HashMap<>();
        Map<Integer, List<Double>> cpu = new HashMap<>();
        long peak = 0;
        for (int i = 0; i < runs; i++) {
            for (int viewers : new int[] {0, stuck}) {
                Path go = procs.file("go-");
                Path report = procs.file("report-");
                Run r = procs.launch(procs.generator("flood", Long.toString(lines), "16", "--report", report.toString(), "--go",
                        go.toString()), null, "--max-viewers", Integer.toString(Math.max(256, viewers + 100)));
                String url = r.awaitUrlText(30);
                double cpu0;
                try (StuckViewers v = new StuckViewers(url, viewers)) {
                    v.awaitCounted();
                    cpu0 = r.stats.cpuSeconds();
                    Files.createFile(go);
                    if (!r.awaitExit(120)) {
                        r.process.destroyForcibly();
                        throw new IllegalStateException("the stuck-viewer run did not end: " + r.stderrTail());
                    }
                }
                double w = Long.parseLong(Files.readString(report).trim()) / 1e9;
                double c = r.stats.cpuSeconds() - cpu0;
                writer.computeIfAbsent(viewers, k -> new ArrayList<>()).add(w);
                cpu.computeIfAbsent(viewers, k -> new ArrayList<>()).add(c);
                peak = Math.max(peak, r.stats.peakRssKb());
                progress(String.format(Locale.ROOT, "stuck run %d, %d viewers: writer %s, ssewatch CPU %s", i + 1, viewers,
                        secs(w), secs(c)));
            }
        }
        for (int viewers : new int[] {0, stuck}) {
            List<Double> w = writer.get(viewers);
            List<Double> c = cpu.get(viewers);
            String who = viewers == 0 ? "no viewer" : String.format(Locale.ROOT, "%,d SSE viewers that never read", viewers);
            table.row(String.format(Locale.ROOT, "stuck: %,d short lines flooded, %s", lines, who),
                    "writer " + secs(median(w)) + " median of " + runs + " (" + secs(min(w)) + "–" + secs(max(w)) + "), "
                            + rate(lines / median(w)),
                    "", "", secs(median(c)) + " median (" + secs(min(c)) + "–" + secs(max(c)) + ")",
                    viewers == stuck ? mb(peak) : "", "", null);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void progress(String s) {
        System.err.println("bench: " + s);
    }

}
