package org.ssewatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page on a live run printing {@value #RATE} lines/s (issue 16: it keeps up with no growing
 * delay, and scrolls at 60 fps), in headless Chromium. Each line's text starts with its write time
 * (Flood rate); a MutationObserver, installed through WebDriver (not subject to the page's CSP),
 * takes every 50th line element added to the log and keeps its delay: the browser's clock at that
 * moment minus the time in its text. For the first half the page follows the tail; in the second
 * a reader's wheel scrolls it (up, then down to the tail, and again) while the lines keep coming.
 * In both, each frame's time (the delta between rAF callbacks) is kept.
 */
final class PageLive {
    static final int RATE = 10_000;
    private static final int SECONDS = 20;

    /**
     * Keeps each rAF delta for arguments[0] ms, with Chromium's long tasks and, for stderr, where its
     * long animation frames went (scripts by where they start, and style and layout).
     */
    private static final String RECORD = "window.__frames = []; window.__long = [0, 0]; var last = null, end = performance.now() + arguments[0];"
            + " try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { window.__long[0]++; window.__long[1] += e.duration; }); })"
            + "   .observe({type: 'longtask'}); } catch (e) {}"
            + " window.__loaf = {frames: 0, duration: 0, layout: 0, scripts: {}}; try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
            + "   window.__loaf.frames++; window.__loaf.duration += e.duration;"
            + "   if (e.styleAndLayoutStart) { window.__loaf.layout += e.startTime + e.duration - e.styleAndLayoutStart; }"
            + "   (e.scripts || []).forEach(function (x) { var k = x.invoker + ' ' + (x.sourceFunctionName || '') + ' ' + String(x.sourceURL).split('/').pop();"
            + "     window.__loaf.scripts[k] = (window.__loaf.scripts[k] || 0) + x.duration;"
            + "     window.__loaf.forcedLayout = (window.__loaf.forcedLayout || 0) + (x.forcedStyleAndLayoutDuration || 0); }); }); }).observe({type: 'long-animation-frame'}); } catch (e) {}"
            + " function frame(t) { if (last !== null) { window.__frames.push(t - last); } last = t; if (t < end) { requestAnimationFrame(frame); } }"
            + " requestAnimationFrame(frame);";
    /** A wheel event's delta and how often one is sent: 6,000 px/s, a quick flick on a trackpad. */
    private static final int WHEEL_PX = 100;
    private static final long WHEEL_EVERY_MS = 16;
    /** How far up the wheel goes before it turns back down to the tail. */
    private static final int WHEEL_SPAN_PX = 10_000;
    private static final Pattern PROCESS_TYPE = Pattern.compile("--type=([a-z-]+)");

    private final Processes procs;
    private final Table table;

    PageLive(Processes procs, Table table) {
        this.procs = procs;
        this.table = table;
    }

    void measure() throws Exception {
        if (!Files.isExecutable(PageHistory.CHROMIUM) || !Files.isExecutable(PageHistory.CHROMEDRIVER)) {
            table.row("page live: no chromium", "not measured", "", "", "", "", "", null);
            return;
        }
        Path go = procs.file("go-");
        Files.deleteIfExists(go);
        // a few seconds more than measured: the page is opened before the first line
        Run run = procs.launch(procs.generator("rate", Integer.toString(RATE), Integer.toString(SECONDS + 5), "--go", go.toString()), "60s");
        ChromeDriver driver = PageHistory.chromium();
        try {
            driver.get(run.awaitUrlText(30));
            driver.executeScript("window.__delays = []; var seen = 0;"
                    + " new MutationObserver(function (ms) { var now = Date.now() * 1000;"
                    + "   ms.forEach(function (m) { m.addedNodes.forEach(function (n) { var rows = n.nodeType !== 1 ? [] :"
                    + "     n.classList.contains('line') ? [n] : n.querySelectorAll('.line[data-line]');"
                    + "     for (var i = 0; i < rows.length; i++) { seen++; if (seen % 50 === 0) {"
                    + "       var t = /T(\\d+)/.exec(rows[i].textContent); if (t) { window.__delays.push([performance.now(), (now - Number(t[1])) / 1000]); } } } }); });"
                    + " }).observe(document.getElementById('log'), {childList: true, subtree: true});");
            Files.writeString(go, "go");
            // first half: the page follows the tail; its frames are kept, nothing scrolls
            driver.executeScript(RECORD, SECONDS * 500L);
            Map<String, Long> cpu0 = cpuTicks(run.process.pid());
            Thread.sleep(SECONDS * 500L + 200);
            System.err.println("page live: CPU while following, % of a core: " + cpuShare(cpu0, cpuTicks(run.process.pid()), SECONDS * 500L + 200));
            List<?> followFrames = (List<?>) driver.executeScript("return window.__frames");
            List<?> followLong = (List<?>) driver.executeScript("return window.__long");
            System.err.println("page live: long animation frames while following: " + driver.executeScript("return JSON.stringify(window.__loaf)"));
            // second half: a reader's wheel, while the lines keep coming
            driver.executeScript(RECORD, SECONDS * 500L);
            Map<String, Long> cpu1 = cpuTicks(run.process.pid());
            long wheelStart = System.nanoTime();
            int wheels = wheel(driver, SECONDS * 500L);
            System.err.println("page live: CPU while scrolling, % of a core: "
                    + cpuShare(cpu1, cpuTicks(run.process.pid()), (System.nanoTime() - wheelStart) / 1_000_000));
            Thread.sleep(300);
            List<?> liveFrames = (List<?>) driver.executeScript("return window.__frames");
            List<?> liveLong = (List<?>) driver.executeScript("return window.__long");
            System.err.println("page live: long animation frames while scrolling: " + driver.executeScript("return JSON.stringify(window.__loaf)"));
            // the same scrolling once the run is over: what the machine gives the page without new lines
            Thread.sleep(5500);
            driver.executeScript(RECORD, 5000L);
            int idleWheels = wheel(driver, 5000L);
            Thread.sleep(300);
            List<?> idleFrames = (List<?>) driver.executeScript("return window.__frames");
            List<?> idleLong = (List<?>) driver.executeScript("return window.__long");
            List<?> delays = (List<?>) driver.executeScript("return window.__delays");
            Object elements = driver.executeScript("return document.querySelectorAll('.line').length");
            table.row("page, live run at 10,000 lines/s: delay from write to the DOM, by 5 s",
                    delays(delays), "p50 / max in each 5 s (every 50th line); line elements at the end: " + elements, "", "", "",
                    "no growing delay (issue 16)", null);
            table.row("page, live run at 10,000 lines/s: frame times while following",
                    frames(followFrames) + "; " + longTasks(followLong), "rAF deltas, " + followFrames.size() + " frames over " + SECONDS / 2 + " s",
                    "", "", "", "", null);
            table.row("page, live run at 10,000 lines/s: frame times while scrolling",
                    frames(liveFrames) + "; " + longTasks(liveLong), "rAF deltas, " + liveFrames.size() + " frames over " + SECONDS / 2 + " s; "
                            + wheels + " wheel events", "", "", "", "60 fps (issue 16)", null);
            table.row("page, the same run over: frame times while scrolling",
                    frames(idleFrames) + "; " + longTasks(idleLong), "rAF deltas, " + idleFrames.size() + " frames over 5 s; " + idleWheels + " wheel events",
                    "", "", "", "", null);
        } finally {
            driver.quit();
            run.process.destroy();
            if (!run.awaitExit(20)) {
                run.process.destroyForcibly();
            }
        }
    }

    /**
     * Scrolls for {@code ms} as a reader does: real wheel input through the DevTools protocol (what a
     * mouse or trackpad gives the browser, wheel event and all, so the page hears that the reader
     * left the tail), {@value #WHEEL_SPAN_PX} px up, then down to the bottom, and again. An rAF loop's
     * scrollBy would not do: it runs before the page's flush in the same frame, and a following page
     * scrolls it back before any scroll event says the reader left. Returns the events sent.
     */
    private static int wheel(ChromeDriver driver, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        int sent = 0;
        int dir = -1;
        int travelled = 0;
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + WHEEL_EVERY_MS * 1_000_000;
            driver.executeCdpCommand("Input.dispatchMouseEvent", Map.of("type", "mouseWheel", "x", 640, "y", 400,
                    "deltaX", 0, "deltaY", dir * WHEEL_PX));
            sent++;
            travelled += WHEEL_PX;
            if (dir < 0 && travelled >= WHEEL_SPAN_PX) {
                dir = 1;
                travelled = 0;
            } else if (dir > 0 && travelled >= WHEEL_SPAN_PX / 2 && atBottom(driver)) {
                dir = -1;
                travelled = 0;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return sent;
    }

    private static boolean atBottom(ChromeDriver driver) {
        return Boolean.TRUE.equals(driver.executeScript(
                "return window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 2"));
    }

    /**
     * CPU ticks (utime + stime) by process: ssewatch, and Chromium's by their --type (the browser
     * has none), to say whether the page's renderer had a core to itself.
     */
    private static Map<String, Long> cpuTicks(long ssewatch) {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    String name;
                    if (Long.parseLong(proc.getFileName().toString()) == ssewatch) {
                        name = "ssewatch";
                    } else if (cmd.split("[\0 ]", 2)[0].endsWith("/chromium")) { // a renderer's title: its arguments joined by spaces
                        Matcher m = PROCESS_TYPE.matcher(cmd);
                        name = "chromium " + (m.find() ? m.group(1) : "browser");
                    } else {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static String cpuShare(Map<String, Long> before, Map<String, Long> after, long ms) {
        StringBuilder out = new StringBuilder();
        after.forEach((name, t) -> out.append(out.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(Math.round((t - before.getOrDefault(name, 0L)) * 10 * 100.0 / ms)));
        return out.toString();
    }

    /** "p50/max ms" of the delays in each 5 s from the first line seen. */
    private static String delays(List<?> samples) {
        if (samples.isEmpty()) {
            return "no line seen";
        }
        double t0 = number(((List<?>) samples.get(0)).get(0));
        List<List<Double>> buckets = new ArrayList<>();
        for (Object o : samples) {
            List<?> s = (List<?>) o;
            int b = (int) ((number(s.get(0)) - t0) / 5000);
            while (buckets.size() <= b) {
                buckets.add(new ArrayList<>());
            }
            buckets.get(b).add(number(s.get(1)));
        }
        StringBuilder out = new StringBuilder();
        for (List<Double> b : buckets) {
            if (b.isEmpty()) {
                continue;
            }
            b.sort(null);
            out.append(out.length() == 0 ? "" : " · ")
                    .append(String.format(Locale.ROOT, "%.0f/%.0f", b.get(b.size() / 2), b.get(b.size() - 1)));
        }
        return out + " ms";
    }

    private static String frames(List<?> samples) {
        if (samples.isEmpty()) {
            return "no frame";
        }
        List<Double> f = new ArrayList<>();
        samples.forEach(o -> f.add(number(o)));
        f.sort(null);
        // at 60 Hz the deltas jitter around 16.7 ms: a dropped frame is one of 25 ms or more
        long over = f.stream().filter(x -> x > 16.7).count();
        long dropped = f.stream().filter(x -> x >= 25).count();
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, %.1f%% over 16.7 ms, %.1f%% of 25 ms or more", f.get(f.size() / 2),
                f.get(Math.min(f.size() - 1, (int) (f.size() * 0.99))), 100.0 * over / f.size(), 100.0 * dropped / f.size());
    }

    private static String longTasks(List<?> l) {
        return String.format(Locale.ROOT, "%d long tasks, %.0f ms", ((Number) l.get(0)).longValue(), number(l.get(1)));
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
