package org.ssewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark driver: runs every scenario of issue 7 one after the other against the real
 * ssewatch process, and prints one markdown table (also written to bench-results/). Run it from
 * the repository root with {@code bench/run}.
 *
 * <p>System properties: {@code bench.seconds} (length of each fan-out run, default 10),
 * {@code bench.only} (comma-separated scenario names: startup, ingest, fanout, catchup, stuck; or single
 * fan-out runs: sse1000, poll, sse10k; or order, not run by default: how often stdout and stderr keep
 * their order).
 * Environment: {@code SSEWATCH_CMD} replaces the ssewatch command (split on spaces),
 * {@code SSEWATCH_JAVA_OPTS} adds JVM options to the default one.
 */
public final class Bench {
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path benchJar = root.resolve("bench/target/ssewatch-bench.jar");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final List<String> ssewatch;
    private final String measured;
    private final Path tmp;
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
    private final List<String> only = Arrays.asList(System.getProperty("bench.only",
            "startup,ingest,fanout,catchup,stuck").split(","));
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Results that are not rows of the main table, each a markdown section of its own. */
    private final List<String> sections = new ArrayList<>();
    private static final String RUNS_NOTE = "5 runs of 2,000 lines per gap, counted by an SSE viewer";
    private int seq;

    private Bench() throws IOException {
        tmp = Files.createTempDirectory("ssewatch-bench-");
        String cmd = System.getenv("SSEWATCH_CMD");
        List<String> opts = splitOpts(System.getenv("SSEWATCH_JAVA_OPTS"));
        Path cliJar = root.resolve("cli/target/ssewatch.jar");
        Path script = root.resolve("ssewatch");
        if (cmd != null && !cmd.isBlank()) {
            ssewatch = splitOpts(cmd);
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
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        try {
            b.runAll();
        } finally {
            b.cleanUp();
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
        if (only.contains("catchup")) {
            catchUp(1_000_000);
        }
        if (only.contains("stuck")) {
            stuck(400_000, 200);
        }
        if (only.contains("order")) {
            sections.add("Order of stdout and stderr (" + RUNS_NOTE + "):\n\n"
                    + new OrderRates(ssewatch, generator(), tmp).measure());
        }
        String table = table((System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(table);
        Path dir = root.resolve("bench-results");
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(dir.resolve("bench-" + stamp + ".md"), table);
        Files.writeString(dir.resolve("latest.md"), table);
        System.err.println("bench: written to bench-results/bench-" + stamp + ".md and bench-results/latest.md");
    }

    // ---------------------------------------------------------------- scenarios

    private void startup() throws Exception {
        int runs = 5;
        List<Double> toUrl = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // Unobserved: on 2 cores, sampling /proc while ssewatch starts slows its start.
            Run r = new Run(command(List.of("true"), null), false);
            double url = r.awaitUrl(30);
            r.awaitExit(30);
            toUrl.add(url);
            wall.add(r.wallSeconds());
            progress("start-up run " + (i + 1) + ": URL after " + ms(url) + ", exit after " + ms(r.wallSeconds()));
        }
        long peak = 0;
        for (int i = 0; i < 2; i++) {
            Run r = launch(List.of("true"), null);
            r.awaitExit(30);
            peak = Math.max(peak, r.stats.peakRssKb());
        }
        double urlMedian = median(toUrl);
        row("start-up: launch → URL printed", ms(urlMedian) + " median of " + runs + " (" + ms(min(toUrl)) + "–"
                        + ms(max(toUrl)) + ")", "", "", "", "", "< 400 ms", urlMedian < 0.4);
        row("start-up: wall time of `ssewatch -- true`", ms(median(wall)) + " median of " + runs + " ("
                + ms(min(wall)) + "–" + ms(max(wall)) + ")", "", "", "", mb(peak), "RSS < 512 MB", peak < 512 * 1024);
    }

    private void ingest(String label, long lines, int bytes) throws Exception {
        Path report = tmp.resolve("report-" + (++seq));
        List<String> gen = generator("flood", Long.toString(lines), Integer.toString(bytes), "--report", report.toString());
        Run r = launch(gen, null);
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
            notes.add("ingest " + label + ": ssewatch exited with " + r.process.exitValue() + ": " + r.stderrTail());
        }
        row("ingest: " + label + ", no viewer", rate(rate) + " (writer " + secs(writerSeconds) + "; wall incl. start-up "
                        + secs(wall) + ")", "", "", cpu(r.stats.cpuSeconds(), wall), mb(r.stats.peakRssKb()),
                "≥ 1M lines/s, RSS < 512 MB", rate >= 1_000_000 && r.stats.peakRssKb() < 512 * 1024);

        // The floor: the same command piped to cat.
        Path floorReport = tmp.resolve("report-" + (++seq));
        List<String> floorGen = generator("flood", Long.toString(lines), Integer.toString(bytes), "--report",
                floorReport.toString());
        settle();
        String sh = "exec " + String.join(" ", floorGen.stream().map(Bench::shellQuote).toList()) + " | cat > /dev/null";
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", sh).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(600, TimeUnit.SECONDS);
        double floorWall = (System.nanoTime() - t0) / 1e9;
        double floorWriter = Long.parseLong(Files.readString(floorReport).trim()) / 1e9;
        progress("floor " + label + ": " + rate(lines / floorWriter));
        row("floor: same command `\\| cat > /dev/null`", rate(lines / floorWriter) + " (writer " + secs(floorWriter)
                + "; wall " + secs(floorWall) + ")", "", "", "", "", "", null);
    }

    private void fanOut(int sse, int poll, int rate) throws Exception {
        long expect = Math.round(rate * seconds);
        Path go = tmp.resolve("go-" + (++seq));
        // The CLI admits 256 viewers by default; leave room for all of them.
        Run r = launch(generator("rate", Integer.toString(rate), Double.toString(seconds), "--go", go.toString()), null,
                "--max-viewers", Integer.toString(Math.max(256, sse + poll + 100)));
        String url = r.awaitUrlText(30);
        Process load = load(url, sse, poll, expect, seconds + 40,
                (sse > 0 ? "sse" + sse : "poll" + poll) + "-" + rate);
        ProcStats loadStats = new ProcStats(load.pid());
        LinkedBlockingQueue<String> out = lines(load);
        String line;
        long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"READY".equals(line = out.poll(Math.max(1, readyBy - System.nanoTime()), TimeUnit.NANOSECONDS))) {
            if (line == null || line.startsWith("RESULT")) {
                throw new IllegalStateException("viewers did not connect: " + line + " " + r.stderrTail());
            }
        }
        double cpu0 = r.stats.cpuSeconds();
        double loadCpu0 = loadStats.cpuSeconds();
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
        load.waitFor(10, TimeUnit.SECONDS);
        load.destroyForcibly();
        if (!r.awaitExit(30)) {
            notes.add("fan-out " + sse + "/" + poll + ": ssewatch still running 30 s after the viewers were done; stopped");
            r.process.destroy();
            r.awaitExit(10);
        }
        double runSeconds = (r.endedAt - goAt) / 1e9;
        double cpu = r.stats.cpuSeconds() - cpu0;
        double viewerCpu = loadStats.cpuSeconds() - loadCpu0;
        Map<String, String> m = parse(result);
        String who = sse > 0 ? String.format(Locale.ROOT, "%,d SSE", sse) : String.format(Locale.ROOT, "%,d long-poll", poll);
        String label = String.format(Locale.ROOT, "fan-out: %s viewers, %,d lines/s × %s s", who, rate, trim(seconds));
        int viewers = sse + poll;
        long complete = Long.parseLong(m.getOrDefault("complete", "0"));
        long got = Long.parseLong(m.getOrDefault("lines", "0"));
        String delivered = String.format(Locale.ROOT, "%,d/%,d viewers got all %,d lines; %,d/%,d lines received",
                complete, viewers, expect, got, expect * viewers);
        if (!"0".equals(m.getOrDefault("outOfOrder", "0")) || !"0".equals(m.getOrDefault("gaps", "0"))
                || !"0".equals(m.getOrDefault("errors", "0"))) {
            delivered += "; out of order " + m.get("outOfOrder") + ", gaps " + m.get("gaps") + ", errors " + m.get("errors")
                    + (m.get("firstError").equals("null") ? "" : " (" + m.get("firstError") + ")");
        }
        if (poll > 0) {
            delivered += String.format(Locale.ROOT, "; %,d polls", Long.parseLong(m.get("requests")));
        }
        long p50 = Long.parseLong(m.getOrDefault("p50us", "-1"));
        long p99 = Long.parseLong(m.getOrDefault("p99us", "-1"));
        long max = Long.parseLong(m.getOrDefault("maxus", "-1"));
        String lat = latency(p50) + " / " + latency(p99) + " (max " + latency(max) + ")";
        boolean lossless = complete == viewers;
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
        row(label, String.format(Locale.ROOT, "%,d events/s out", Math.round(expect * (double) viewers / Math.max(seconds, runSeconds))),
                delivered, lat, cpu(cpu, runSeconds) + "; viewers' process: " + cpu(viewerCpu, runSeconds), mb(rss),
                target, met);
    }

    private void catchUp(long lines) throws Exception {
        Path report = tmp.resolve("report-" + (++seq));
        Run r = launch(generator("flood", Long.toString(lines), "16", "--report", report.toString()), "600s");
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
        Process load = load(url, 1, 0, lines, 300, null);
        LinkedBlockingQueue<String> out = lines(load);
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
        Map<String, String> m = parse(result);
        double took = Long.parseLong(m.getOrDefault("elapsedMs", "0")) / 1000.0;
        boolean ok = "1".equals(m.get("complete"));
        progress("catch-up: " + result);
        row(String.format(Locale.ROOT, "catch-up: a new SSE viewer reads %,d lines of history", lines),
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
                Path go = tmp.resolve("go-" + (++seq));
                Path report = tmp.resolve("report-" + (++seq));
                Run r = launch(generator("flood", Long.toString(lines), "16", "--report", report.toString(), "--go",
                        go.toString()), null, "--max-viewers", Integer.toString(Math.max(256, viewers + 100)));
                String url = r.awaitUrlText(30);
                double cpu0;
                try (StuckViewers v = new StuckViewers(url, viewers)) {
                    awaitViewers(url, viewers);
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
            row(String.format(Locale.ROOT, "stuck: %,d short lines flooded, %s", lines, who),
                    "writer " + secs(median(w)) + " median of " + runs + " (" + secs(min(w)) + "–" + secs(max(w)) + "), "
                            + rate(lines / median(w)),
                    "", "", secs(median(c)) + " median (" + secs(min(c)) + "–" + secs(max(c)) + ")",
                    viewers == stuck ? mb(peak) : "", "", null);
        }
    }

    /** Polls api/status until exactly {@code n} viewers are connected (60 s at most). */
    private static void awaitViewers(String url, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String status;
        while (!(status = http.send(HttpRequest.newBuilder(URI.create(url).resolve("api/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"viewers\":" + n + "}")
                && !status.contains("\"viewers\":" + n + ",")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + n + " viewers: " + status);
            }
            Thread.sleep(20);
        }
    }

    // ---------------------------------------------------------------- processes

    private List<String> generator(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx64m", "-cp", benchJar.toString(),
                Flood.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The viewers' process. Its heap is committed and touched before it starts: a page fault costs
     * ~18 us on this VM, and the viewers' first collection would otherwise fault in its survivor
     * and old spaces in the middle of the measurement. {@code BENCH_TIMELINE=PREFIX} writes each
     * fan-out case's timeline to {@code PREFIX-<case>} (say {@code PREFIX-sse1000-1000}).
     */
    private Process load(String url, int sse, int poll, long expect, double deadline, String timelineCase)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"));
        cmd.addAll(splitOpts(System.getenv("BENCH_LOAD_OPTS")));
        cmd.addAll(List.of("-cp", benchJar.toString(),
                Load.class.getName(), "--url", url, "--sse", Integer.toString(sse), "--poll", Integer.toString(poll),
                "--expect", Long.toString(expect), "--deadline", Double.toString(deadline)));
        String timeline = System.getenv("BENCH_TIMELINE");
        if (timeline != null && timelineCase != null) {
            cmd.addAll(List.of("--timeline", timeline + "-" + timelineCase));
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Lets the previous scenario's leftovers (spill file write-back, exiting JVMs) finish first. */
    private static void settle() {
        try {
            new ProcessBuilder("sync").start().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
        } catch (IOException | InterruptedException ignored) {
            // best effort
        }
    }

    /**
     * The JVM that is ssewatch: the process itself, or, when a launcher script starts java without
     * exec, its java child (waited for up to 5 s). The command's own process is a child of that JVM.
     * It runs while ssewatch starts, so it must cost next to nothing on a 2-core machine: one readlink
     * of /proc/PID/exe per look, and the kernel's list of children rather than a scan of every
     * process (ProcessHandle.children()). Polling that way every 2 ms added ~40 ms to the start-up
     * time measured.
     */
    private static long javaProcess(ProcessHandle p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (isJava(p.pid())) {
                return p.pid();
            }
            for (long child : children(p.pid())) {
                if (isJava(child)) {
                    return child;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                break;
            }
        }
        return p.pid();
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString().endsWith("/java");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long[] children(long pid) {
        try {
            String list = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
            return list.isEmpty() ? new long[0] : Arrays.stream(list.split(" ")).mapToLong(Long::parseLong).toArray();
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    private static LinkedBlockingQueue<String> lines(Process p) {
        LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    q.add(l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return q;
    }

    private Run launch(List<String> command, String linger, String... options) throws IOException {
        return new Run(command(command, linger, options), true);
    }

    private List<String> command(List<String> command, String linger, String... options) {
        settle();
        Path urlFile = tmp.resolve("url-" + (++seq));
        List<String> cmd = new ArrayList<>(ssewatch);
        cmd.addAll(List.of("--quiet", "--bind", "127.0.0.1", "--port", "0", "--url-file", urlFile.toString()));
        cmd.addAll(List.of(options));
        // Without --linger ssewatch keeps serving after the command ends; here it must exit with it.
        cmd.addAll(List.of("--linger", linger == null ? "0s" : linger));
        cmd.add("--");
        cmd.addAll(command);
        return cmd;
    }

    /**
     * One ssewatch process: when it started, when it printed its URL, when it ended; /proc samples
     * if observed, else {@code stats} is null.
     */
    private final class Run {
        final Process process;
        final long startedAt = System.nanoTime();
        final ProcStats stats;
        volatile long urlAt;
        volatile String url;
        volatile long endedAt;
        final List<String> stderr = new ArrayList<>();

        Run(List<String> cmd, boolean observe) throws IOException {
            process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            stats = observe ? new ProcStats(javaProcess(process.toHandle())) : null;
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = in.readLine()) != null) {
                        long now = System.nanoTime();
                        Matcher m = URL.matcher(l);
                        if (url == null && m.find()) {
                            urlAt = now;
                            url = m.group();
                        }
                        synchronized (stderr) {
                            stderr.add(l);
                        }
                    }
                } catch (IOException ignored) {
                    // ended
                }
            });
            t.setDaemon(true);
            t.start();
            process.onExit().thenRun(() -> endedAt = System.nanoTime());
        }

        /** Seconds from launch to the URL on stderr. */
        double awaitUrl(int timeoutSeconds) throws InterruptedException {
            awaitUrlText(timeoutSeconds);
            return (urlAt - startedAt) / 1e9;
        }

        String awaitUrlText(int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (url == null) {
                if (System.nanoTime() > deadline || (!process.isAlive() && url == null && endedAt != 0
                        && System.nanoTime() - endedAt > 1_000_000_000L)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ssewatch printed no URL: " + stderrTail());
                }
                Thread.sleep(1);
            }
            return url;
        }

        boolean awaitExit(int timeoutSeconds) throws InterruptedException {
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (ended) {
                while (endedAt == 0) {
                    Thread.sleep(1);
                }
                if (stats != null) {
                    stats.stop();
                }
            }
            return ended;
        }

        double wallSeconds() {
            return (endedAt - startedAt) / 1e9;
        }

        String stderrTail() {
            synchronized (stderr) {
                return String.join(" | ", stderr.subList(Math.max(0, stderr.size() - 5), stderr.size()));
            }
        }
    }

    // ---------------------------------------------------------------- the table

    private void row(String scenario, String result, String delivered, String latency, String cpu, String rss,
                     String target, Boolean met) {
        rows.add(new String[] {scenario, result, delivered, latency, cpu, rss,
                target.isEmpty() ? "" : target + (met == null ? "" : met ? " — **met**" : " — **MISSED**")});
    }

    private String table(double totalSeconds) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("ssewatch benchmark, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("  \n");
        b.append("Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memTotal()).append(" memory; Linux ").append(System.getProperty("os.version"))
                .append("; Java ").append(System.getProperty("java.runtime.version")).append("  \n");
        b.append("Measured: ").append(measured).append("; every scenario runs alone, viewers in a separate process ")
                .append("(bench Load: NIO HTTP/1.1 clients on 127.0.0.1). Harness wall time ")
                .append(secs(totalSeconds)).append(".\n\n");
        String[] head = {"Scenario", "Result", "Delivery (counted by every viewer)", "Latency p50 / p99, write → receipt",
                "ssewatch CPU", "ssewatch peak RSS", "Target"};
        b.append("| ").append(String.join(" | ", head)).append(" |\n");
        b.append("|").append("---|".repeat(head.length)).append("\n");
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", Arrays.stream(r).map(s -> s.isEmpty() ? "–" : s).toList()))
                    .append(" |\n");
        }
        b.append("\nCPU is ssewatch's own user+system time (not its child's) over the measured interval, as a share of one")
                .append(" core; peak RSS is VmHWM. Ingest rate = lines / time the writer spent writing them (a pipe holds only")
                .append(" 64 KiB, so the reader sets the pace).\n");
        for (String section : sections) {
            b.append('\n').append(section);
        }
        for (String n : notes) {
            b.append("\nNote: ").append(n).append('\n');
        }
        return b.toString();
    }

    private static String cpuModel() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (l.startsWith("model name")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    // ---------------------------------------------------------------- helpers

    private void cleanUp() throws IOException {
        try (var s = Files.walk(tmp)) {
            s.sorted((a, c) -> c.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> splitOpts(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String p : s.trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static Map<String, String> parse(String result) {
        Map<String, String> m = new HashMap<>();
        if (result != null) {
            for (String kv : result.split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return m;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void progress(String s) {
        System.err.println("bench: " + s);
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    private static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M lines/s", perSecond / 1e6)
                : String.format(Locale.ROOT, "%,.0f k lines/s", perSecond / 1e3);
    }

    private static String latency(long micros) {
        if (micros < 0) {
            return "n/a";
        }
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0)
                : String.format(Locale.ROOT, "%,d ms", micros / 1000);
    }

    private static String cpu(double cpuSeconds, double wallSeconds) {
        return String.format(Locale.ROOT, "%.1f s (%.0f%% of a core)", cpuSeconds, 100 * cpuSeconds / Math.max(wallSeconds, 1e-3));
    }

    private static String mb(long kb) {
        return kb <= 0 ? "?" : String.format(Locale.ROOT, "%,d MB", Math.round(kb / 1024.0));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
