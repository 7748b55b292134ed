package org.ssewatch.bench;

import static org.ssewatch.bench.Fmt.cpu;
import static org.ssewatch.bench.Fmt.mb;
import static org.ssewatch.bench.Fmt.trim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18's scale cases, at {@value #RATE} lines/s: many SSE viewers of one ssewatch run
 * ({@code viewers10k}, at several counts, so that the cost per viewer is a measured slope), and
 * the same through two {@code ssewatch relay}s behind nginx, reading the run from Redis
 * ({@code relays}), with Redis's commands per second for the run at each count of viewers.
 */
final class Scale {
    static final int RATE = 100;
    private static final long TARGET_P99_US = 250_000;
    private static final long TARGET_RSS_KB = 512 * 1024;
    private static final Pattern RUN_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final Processes procs;
    private final Table table;
    private final double seconds;

    Scale(Processes procs, Table table, double seconds) {
        this.procs = procs;
        this.table = table;
        this.seconds = seconds;
    }

    void oneNode(int[] counts) throws Exception {
        long expect = Math.round(RATE * seconds);
        ViewerCosts costs = new ViewerCosts();
        for (int n : counts) {
            Path go = procs.file("go-");
            Run r = procs.launch(procs.generator("rate", Integer.toString(RATE), Double.toString(seconds), "--go", go.toString()),
                    null, "--max-viewers", Integer.toString(n + 100));
            String url = r.awaitUrlText(30);
            ViewerRun run = ViewerRun.run(procs, url, n, 0, expect, seconds, "viewers" + n, List.of(r.stats), go, r::stderrTail);
            if (!r.awaitExit(60)) {
                table.note("one node, " + n + " viewers: ssewatch still running 60 s after the viewers were done; stopped");
                r.process.destroy();
                r.awaitExit(10);
            }
            long rss = r.stats.peakRssKb();
            boolean met = run.lossless(n) && run.number("p99us") >= 0 && run.number("p99us") < TARGET_P99_US && rss < TARGET_RSS_KB;
            progress("one node, " + n + " viewers: " + run.resultLine + " rss=" + rss + "kB cpu=" + run.cpu[0]);
            table.row(String.format(Locale.ROOT, "one node: %,d SSE viewers, %d lines/s × %s s (%s)", n, RATE, trim(seconds), load()),
                    eventsOut(run, n, expect), run.delivered(n, expect), run.latency(),
                    cpu(run.cpu[0], run.seconds) + "; viewers' process: " + cpu(run.cpu[1], run.seconds) + "; " + run.machine, mb(rss),
                    "zero loss, p99 < 250 ms, RSS < 512 MB", met);
            costs.add(new ViewerCosts.Point(n, rss, run.cpu[0], run.number("lines")));
        }
        if (costs.hasSlope()) {
            table.section(costs.markdown(100_000, RATE, load()));
        }
    }

    void relays(int[] counts) throws Exception {
        long expect = Math.round(RATE * seconds);
        StringBuilder commands = new StringBuilder("Redis commands for the run through two relays, from the go signal to the "
                + "viewers' result (`INFO commandstats` deltas; `info` itself, the benchmark's, left out):\n\n"
                + "| viewers | window | commands/s | of them the relays' reads (xread, xrange)/s | by command (calls) |\n|---|---|---|---|---|\n");
        for (int n : counts) {
            Path dir = procs.file("relays-");
            try (RedisProc redis = RedisProc.start(dir.resolve("redis"))) {
                Run a = relay(redis, n, "a");
                Run b = relay(redis, n, "b");
                try (NginxProc nginx = NginxProc.start(dir.resolve("nginx"), List.of(port(a.url), port(b.url)), n)) {
                    Path go = procs.file("go-");
                    Run pub = procs.launch(procs.generator("rate", Integer.toString(RATE), Double.toString(seconds), "--go",
                            go.toString()), null, "--publish", redis.url());
                    pub.awaitUrlText(30);
                    String runUrl = "http://127.0.0.1:" + nginx.port + "/runs/" + runId(a.url) + "/";
                    List<ProcStats> observed = new ArrayList<>(List.of(a.stats, b.stats, pub.stats, new ProcStats(redis.process.pid())));
                    for (long w : nginx.workers()) {
                        observed.add(new ProcStats(w));
                    }
                    Map<String, Long>[] stats = newStats();
                    ViewerRun run = ViewerRun.run(procs, runUrl, n, 0, expect, seconds, "relays" + n, observed, go,
                            new ViewerRun.Hooks() {
                                @Override
                                public String why() {
                                    return "relay a: " + a.stderrTail() + "; relay b: " + b.stderrTail() + "; nginx: "
                                            + nginx.errorLogTail();
                                }

                                @Override
                                public void atGo() throws Exception {
                                    stats[0] = redis.commandStats();
                                }

                                @Override
                                public void atEnd() throws Exception {
                                    stats[1] = redis.commandStats();
                                }
                            });
                    pub.awaitExit(30);
                    relayRow(n, expect, run, a, b, observed.size());
                    commands.append(commandsRow(n, run.seconds, stats[0], stats[1]));
                } finally {
                    stop(a);
                    stop(b);
                }
            }
        }
        table.section(commands.append("\nThe publisher's commands (`xadd`, `hset`, ...) follow the run's lines; the relays' ")
                .append("(`xread`, `xrange`) follow the runs and relays: one reader per run per relay, so with one viewer ")
                .append("only the relay that viewer landed on reads the run.\n").toString());
    }

    private void relayRow(int n, long expect, ViewerRun run, Run a, Run b, int observed) {
        double nginxCpu = 0;
        for (int i = 4; i < observed; i++) {
            nginxCpu += run.cpu[i];
        }
        double t = run.seconds;
        long rssA = a.stats.peakRssKb();
        long rssB = b.stats.peakRssKb();
        boolean met = run.lossless(n) && run.number("p99us") >= 0 && run.number("p99us") < TARGET_P99_US
                && rssA < TARGET_RSS_KB && rssB < TARGET_RSS_KB;
        progress("relays, " + n + " viewers: " + run.resultLine + " rss a=" + rssA + "kB b=" + rssB + "kB");
        table.row(String.format(Locale.ROOT, "two relays behind nginx: %,d SSE viewers, %d lines/s × %s s (%s)", n, RATE,
                        trim(seconds), load()), eventsOut(run, n, expect), run.delivered(n, expect), run.latency(),
                "relays " + cpu(run.cpu[0], t) + " and " + cpu(run.cpu[1], t) + "; nginx " + cpu(nginxCpu, t) + "; redis "
                        + cpu(run.cpu[3], t) + "; publisher " + cpu(run.cpu[2], t) + "; viewers' process "
                        + cpu(run.cpu[observed], t) + "; " + run.machine, "relays " + mb(rssA) + " and " + mb(rssB),
                "zero loss, p99 < 250 ms, each relay's RSS < 512 MB", met);
    }

    private static String commandsRow(int n, double window, Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                delta.put(e.getKey(), d);
                total += d;
            }
        }
        StringBuilder by = new StringBuilder();
        delta.forEach((k, v) -> by.append(by.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        long reads = delta.getOrDefault("xread", 0L) + delta.getOrDefault("xrange", 0L);
        return String.format(Locale.ROOT, "| %,d | %.1f s | %.1f | %.1f | %s |%n", n, window, total / window, reads / window, by);
    }

    private Run relay(RedisProc redis, int viewers, String name) throws Exception {
        Run r = procs.launchPlain(List.of("relay", "--redis", redis.url(), "--no-token", "--bind", "127.0.0.1", "--port", "0", "--url-file",
                procs.file("relay-url-" + name + "-").toString(), "--max-viewers", Integer.toString(viewers + 100)));
        r.awaitUrlText(30);
        return r;
    }

    private static void stop(Run r) throws InterruptedException {
        r.process.destroy();
        if (!r.awaitExit(20)) {
            r.process.destroyForcibly();
        }
    }

    private static int port(String url) {
        return URI.create(url.trim()).getPort();
    }

    /** The id of the run the relay lists (the only one: each count has a Redis of its own). */
    private static String runId(String relayUrl) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String list = http.send(HttpRequest.newBuilder(URI.create(relayUrl.trim()).resolve("api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = RUN_ID.matcher(list);
            if (m.find()) {
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay lists no run: " + list);
            }
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] newStats() {
        return new Map[2];
    }

    private String eventsOut(ViewerRun run, int n, long expect) {
        return String.format(Locale.ROOT, "%,d events/s out", Math.round(expect * (double) n / Math.max(seconds, run.seconds)));
    }

    static int[] counts(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The machine's 1-minute load average when a case ran: other work on it shows in the tails. */
    static String load() {
        try {
            return "load " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "load ?";
        }
    }

    private static void progress(String s) {
        System.err.println("bench: " + s);
    }
}
