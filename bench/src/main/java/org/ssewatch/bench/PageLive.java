package org.ssewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page on a live run printing {@value #RATE} lines/s (issue 16: it keeps up with no growing
 * delay, and scrolls at 60 fps), in headless Chromium. Each line's text starts with its write time
 * (Flood rate); a MutationObserver, installed through WebDriver (not subject to the page's CSP),
 * takes every 50th line element added to the log and keeps its delay: the browser's clock at that
 * moment minus the time in its text. For the first half the page follows the tail; in the second
 * it is scrolled by an rAF loop (up through the lines held, then down again) while the lines keep
 * coming, and each frame's time (the delta between rAF callbacks) is kept.
 */
final class PageLive {
    static final int RATE = 10_000;
    private static final int SECONDS = 20;

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
            Thread.sleep(SECONDS * 500L);
            String frames = "window.__frames = []; window.__long = [0, 0]; var last = null, dir = -1, end = performance.now() + arguments[0];"
                    + " try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { window.__long[0]++; window.__long[1] += e.duration; }); })"
                    + "   .observe({type: 'longtask'}); } catch (e) {}"
                    // where a long frame's time goes (Chromium's long animation frames): scripts by where they start, and style and layout
                    + " window.__loaf = {layout: 0, scripts: {}}; try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
                    + "   if (e.styleAndLayoutStart) { window.__loaf.layout += e.startTime + e.duration - e.styleAndLayoutStart; }"
                    + "   (e.scripts || []).forEach(function (x) { var k = x.invoker + ' ' + (x.sourceFunctionName || '') + ' ' + String(x.sourceURL).split('/').pop();"
                    + "     window.__loaf.scripts[k] = (window.__loaf.scripts[k] || 0) + x.duration; }); }); }).observe({type: 'long-animation-frame'}); } catch (e) {}"
                    // up and down through the last 10,000 px, inside the lines held: no range is loaded
                    + " function frame(t) { if (last !== null) { window.__frames.push(t - last); } last = t;"
                    + "   var bottom = document.documentElement.scrollHeight - window.innerHeight;"
                    + "   if (window.scrollY <= bottom - 10000) { dir = 1; } else if (window.scrollY >= bottom - 2) { dir = -1; }"
                    + "   window.scrollBy(0, dir * 120); if (t < end) { requestAnimationFrame(frame); } }"
                    + " requestAnimationFrame(frame);";
            driver.executeScript(frames, SECONDS * 500L);
            Thread.sleep(SECONDS * 500L + 500);
            List<?> liveFrames = (List<?>) driver.executeScript("return window.__frames");
            List<?> liveLong = (List<?>) driver.executeScript("return window.__long");
            System.err.println("page live: long animation frames while scrolling: " + driver.executeScript("return JSON.stringify(window.__loaf)"));
            // the same scrolling once the run is over: what the machine gives the page without new lines
            Thread.sleep(5500);
            driver.executeScript(frames, 5000L);
            Thread.sleep(5500);
            List<?> idleFrames = (List<?>) driver.executeScript("return window.__frames");
            List<?> idleLong = (List<?>) driver.executeScript("return window.__long");
            List<?> delays = (List<?>) driver.executeScript("return window.__delays");
            Object elements = driver.executeScript("return document.querySelectorAll('.line').length");
            table.row("page, live run at 10,000 lines/s: delay from write to the DOM, by 5 s",
                    delays(delays), "p50 / max in each 5 s (every 50th line); line elements at the end: " + elements, "", "", "",
                    "no growing delay (issue 16)", null);
            table.row("page, live run at 10,000 lines/s: frame times while scrolling",
                    frames(liveFrames) + "; " + longTasks(liveLong), "rAF deltas, " + liveFrames.size() + " frames over " + SECONDS / 2 + " s", "", "", "",
                    "60 fps (issue 16)", null);
            table.row("page, the same run over: frame times while scrolling",
                    frames(idleFrames) + "; " + longTasks(idleLong), "rAF deltas, " + idleFrames.size() + " frames over 5 s", "", "", "",
                    "", null);
        } finally {
            driver.quit();
            run.process.destroy();
            if (!run.awaitExit(20)) {
                run.process.destroyForcibly();
            }
        }
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
