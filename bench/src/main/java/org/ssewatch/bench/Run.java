package org.ssewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ssewatch process: when it started, when it printed its URL, when it ended; /proc samples
 * if observed, else {@code stats} is null.
 */
final class Run {
    private static final Pattern URL = Pattern.compile("https?://\\S+");

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
}
