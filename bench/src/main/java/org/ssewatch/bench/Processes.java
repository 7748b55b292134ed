package org.ssewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How the bench starts what it measures, each in a JVM of its own: ssewatch, the generator
 * ({@link Flood}) and the viewers' process ({@link Load}); and the scratch files they share.
 */
final class Processes {
    private final String java;
    private final Path benchJar;
    private final List<String> ssewatch;
    final Path tmp;
    private int seq;

    Processes(String java, Path benchJar, List<String> ssewatch) throws IOException {
        this.java = java;
        this.benchJar = benchJar;
        this.ssewatch = ssewatch;
        this.tmp = Files.createTempDirectory("ssewatch-bench-");
    }

    /** A new file name in the scratch directory: {@code prefix} and a number. */
    Path file(String prefix) {
        return tmp.resolve(prefix + (++seq));
    }

    List<String> generator(String... args) {
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
    Process load(String url, int sse, int poll, long expect, double deadline, String timelineCase)
            throws IOException {
        // Each viewer keeps ~12 KiB of parser buffers (and a poll viewer 64 KiB more).
        String heap = Math.max(256, 64 + (sse * 24 + poll * 90) / 1024) + "m";
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
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
    static void settle() {
        try {
            new ProcessBuilder("sync").start().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
        } catch (IOException | InterruptedException ignored) {
            // best effort
        }
    }

    static LinkedBlockingQueue<String> lines(Process p) {
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

    /** ssewatch with {@code args} as they are (a subcommand such as {@code relay}), observed. */
    Run launchPlain(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(ssewatch);
        cmd.addAll(args);
        return new Run(cmd, true);
    }

    Run launch(List<String> command, String linger, String... options) throws IOException {
        return new Run(command(command, linger, options), true);
    }

    List<String> command(List<String> command, String linger, String... options) {
        settle();
        Path urlFile = file("url-");
        List<String> cmd = new ArrayList<>(ssewatch);
        cmd.addAll(List.of("--quiet", "--bind", "127.0.0.1", "--port", "0", "--url-file", urlFile.toString()));
        cmd.addAll(List.of(options));
        // Without --linger ssewatch keeps serving after the command ends; here it must exit with it.
        cmd.addAll(List.of("--linger", linger == null ? "0s" : linger));
        cmd.add("--");
        cmd.addAll(command);
        return cmd;
    }

    void cleanUp() throws IOException {
        try (var s = Files.walk(tmp)) {
            s.sorted((a, c) -> c.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within 10 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    static List<String> splitOpts(String s) {
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

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
