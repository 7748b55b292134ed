package org.ssewatch.bench;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page on a finished run (issue 16's page side), in headless Chromium: a flood of short lines
 * with {@code --linger}; once it exited, the time from opening the page to the last line being in
 * the DOM, then to line 1 and to the middle line being shown as permalinks, each a fresh load; the
 * page's JS heap and its line elements after each. Times are the page's own
 * {@code performance.now()} when a MutationObserver, installed before the page's scripts, saw the
 * line: navigation start to the line in the DOM.
 */
final class PageHistory {
    static final Path CHROMIUM = Path.of(System.getProperty("bench.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("bench.chromedriver", "/usr/bin/chromedriver"));

    private final Processes procs;
    private final Table table;

    PageHistory(Processes procs, Table table) {
        this.procs = procs;
        this.table = table;
    }

    void measure(long... runs) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            table.row("page: no " + CHROMIUM + " or " + CHROMEDRIVER, "not measured", "", "", "", "", "", null);
            return;
        }
        for (long lines : runs) {
            measure(lines);
        }
    }

    private void measure(long lines) throws Exception {
        String label = String.format(Locale.ROOT, "%,d lines", lines);
        try (FinishedFlood flood = new FinishedFlood(procs, lines)) {
            ChromeDriver driver = chromium();
            URI base = flood.base;
            try {
                String tail = shown(driver, base.toString(), "L" + lines, false);
                String first = shown(driver, base + "#L1", "L1", true);
                String middle = shown(driver, base + "#L" + lines / 2, "L" + lines / 2, true);
                table.row("page, " + label + ": last line / permalink to line 1 / to the middle",
                        tail + " / " + first + " / " + middle, "navigation start to the line in the DOM; heap, line elements", "", "", "",
                        "last line < 1 s, permalinks < 500 ms, heap < 150 MB, < 20,000 lines (issue 16)", null);
                // as History: the flood's line number printed once, three quarters of the way in
                table.row("page, " + label + ": search box, a string printed once, 3/4 in",
                        search(driver, String.format(Locale.ROOT, "%07d", lines * 3 / 4)),
                        "typed (input event) to the hit counted / to the whole count", "", "", "",
                        "first hit < 1 s, count < 3 s (issue 16)", null);
            } finally {
                driver.quit();
            }
        }
    }

    /** Opens url (a fresh load) and waits for element id (marked as the target, if asked); "t ms (heap MB, N lines)". */
    private String shown(ChromeDriver driver, String url, String id, boolean target) throws InterruptedException {
        driver.get("about:blank");
        Object script = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(function () { var f = function () { if (window.__seen) { return; }"
                + " var e = document.getElementById('" + id + "');"
                + " if (e && (" + target + " === false || e.classList.contains('target'))) { window.__seen = performance.now(); } };"
                + " new MutationObserver(f).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']}); })();"))
                .get("identifier");
        try {
            driver.get(url);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Object seen;
            while ((seen = driver.executeScript("return window.__seen || null")) == null) {
                if (System.nanoTime() > deadline) {
                    return "not shown in 120 s";
                }
                Thread.sleep(20);
            }
            Thread.sleep(500); // what the page does right after showing it counts for the heap too
            Object heap = driver.executeCdpCommand("Runtime.getHeapUsage", Map.of()).get("usedSize");
            Object elements = driver.executeScript("return document.querySelectorAll('#log .line').length");
            return String.format(Locale.ROOT, "%.0f ms (%.1f MB, %,d lines)", ((Number) seen).doubleValue(),
                    ((Number) heap).doubleValue() / 1e6, ((Number) elements).longValue());
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    /** Types q into the page's search box (the page as last opened): "first hit t ms, count t ms (N)". */
    private static String search(ChromeDriver driver, String q) throws InterruptedException {
        driver.executeScript("window.__hit = null; window.__count = null; var el = document.getElementById('match-count');"
                + " new MutationObserver(function () { var now = performance.now();"
                + "   if (window.__hit === null && /^[1-9]/.test(el.textContent)) { window.__hit = now; }"
                + "   if (window.__count === null && el.getAttribute('data-matches')) { window.__count = now; } })"
                + ".observe(el, {childList: true, characterData: true, subtree: true, attributes: true});"
                + " var f = document.getElementById('filter'); f.value = arguments[0]; window.__typed = performance.now();"
                + " f.dispatchEvent(new Event('input'));", q);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (driver.executeScript("return window.__count") == null) {
            if (System.nanoTime() > deadline) {
                return "not counted in 120 s";
            }
            Thread.sleep(20);
        }
        double typed = ((Number) driver.executeScript("return window.__typed")).doubleValue();
        Object hit = driver.executeScript("return window.__hit");
        double count = ((Number) driver.executeScript("return window.__count")).doubleValue();
        return String.format(Locale.ROOT, "first hit %s, count %.0f ms (%s)",
                hit == null ? "none" : String.format(Locale.ROOT, "%.0f ms", ((Number) hit).doubleValue() - typed),
                count - typed, driver.executeScript("return document.getElementById('match-count').textContent"));
    }

    static ChromeDriver chromium() throws Exception {
        Path profile = Files.createTempDirectory("bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
