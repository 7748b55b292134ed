package org.ssewatch.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through the system's chromedriver, for the browser tests. Nothing is
 * ever downloaded: the driver and the browser are given by path, so Selenium Manager never runs.
 * Tests call {@link #assumeAvailable()} first, which skips them when no browser is installed.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("ssewatch.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ssewatch.chromedriver", "/usr/bin/chromedriver"));
    /** A failure guard, not a timing: every wait returns once its condition holds. 10 s was too short once for TailFirstBrowserIT's search of 1M lines at load 14. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Kept referenced: java.util.logging holds loggers weakly, and their levels with them. */
    private static final List<Logger> QUIET = new ArrayList<>();

    static {
        // Selenium 4.27 knows CDP up to v131 and says so for every newer Chromium; the tests
        // only use executeCdpCommand, which chromedriver runs whatever the version.
        for (String name : List.of("org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver",
                "org.openqa.selenium.devtools.Connection")) {
            Logger l = Logger.getLogger(name);
            l.setLevel(Level.SEVERE);
            QUIET.add(l);
        }
    }

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Skips the calling test when there is no browser. Call it from {@code @BeforeEach}: a skip
     * from {@code @BeforeAll} is reported as no tests at all, without the message.
     */
    public static void assumeAvailable() {
        assumeTrue(available(), "no headless browser at " + CHROMIUM + " and " + CHROMEDRIVER
                + ": skipping the browser tests (install them with `apt-get install chromium chromium-driver`)");
    }

    /** For {@code @BeforeAll}: a browser the class's tests share, or null when there is none (they skip). */
    static Browser startIfAvailable() {
        return available() ? start() : null;
    }

    /**
     * A fresh headless browser with its own profile, its console kept for {@link #consoleLog()}, and
     * {@code arguments} added to Chromium's command line.
     */
    public static Browser start(String... arguments) {
        assumeAvailable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("ssewatch-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--disable-extensions", "--disable-default-apps", "--window-size=1280,800", "--user-data-dir=" + profile);
        options.addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    /** Loads {@code url} and waits for the page's script to have booted. */
    public void open(URI url) {
        driver.get(url.toString());
        waitUntil("the page booted", d -> Boolean.TRUE.equals(js("return !!window.ssewatchPage")));
    }

    /** Loads {@code url} and waits until the JavaScript expression {@code ready} is true (a page other than the run's). */
    public void open(URI url, String ready) {
        driver.get(url.toString());
        waitUntil("the page booted", d -> Boolean.TRUE.equals(js("return !!(" + ready + ")")));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code script} in every document this browser loads from now on, before the page's own. */
    public String onNewDocument(String script) {
        Object id = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script)).get("identifier");
        return String.valueOf(id);
    }

    void removeOnNewDocument(String id) {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
    }

    <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, WAIT, condition);
    }

    public <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        return waitUntil(() -> what, timeout, condition);
    }

    /** Waits for {@code condition} to be true or non-null; {@code what} is asked for the message when it fails. */
    public <T> T waitUntil(Supplier<String> what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(() -> what.get() + "; page: " + describe())
                .until(condition);
    }

    /** Waits until the state chip says {@code state} (running, ok, failed, ...). */
    void awaitState(String state) {
        awaitState(state, WAIT);
    }

    public void awaitState(String state, Duration timeout) {
        waitUntil("the page shows the state " + state, timeout, d -> state.equals(attr("state", "data-state")));
    }

    /** Waits until the page shows exactly lines 1..{@code count} (no more, no fewer). */
    void waitForLines(long count) {
        waitUntil("the page shows " + count + " lines", d -> count == lineCount());
    }

    public long lineCount() {
        return ((Number) js("return document.querySelectorAll('#log .line[data-line]').length")).longValue();
    }

    /** Every line element: {n, stream, text, partial, id}, in document order. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> lines() {
        return (List<Map<String, Object>>) js("return Array.from(document.querySelectorAll('#log .line[data-line]')).map(function (e) {"
                + " return {n: Number(e.getAttribute('data-line')), stream: e.getAttribute('data-stream'), id: e.id,"
                + " text: e.querySelector('.text').textContent, partial: e.hasAttribute('data-partial')}; })");
    }

    /** The text of line {@code n}'s text cell, or null if the page has no such line. */
    String lineText(long n) {
        return (String) js("var e = document.getElementById('L' + arguments[0]); return e ? e.querySelector('.text').textContent : null", n);
    }

    public String attr(String id, String name) {
        return (String) js("var e = document.getElementById(arguments[0]); return e ? e.getAttribute(arguments[1]) : null", id, name);
    }

    public String text(String id) {
        return (String) js("var e = document.getElementById(arguments[0]); return e ? e.textContent : null", id);
    }

    /** What the console said since the last call (errors, warnings, CSP reports). */
    List<LogEntry> consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** A short summary of the page's state, for failure messages. */
    public String describe() {
        try {
            return String.valueOf(js("var s = document.getElementById('state'), t = document.getElementById('transport'),"
                    + " n = document.getElementById('notice');"
                    + " return 'state=' + (s && s.getAttribute('data-state')) + ' (' + (s && s.textContent) + '), via='"
                    + " + (t && t.getAttribute('data-transport')) + ', lines=' + document.querySelectorAll('#log .line[data-line]').length"
                    + " + ', notice=' + (n && !n.hidden ? n.textContent : '') + ', title=' + document.title"));
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind
            }
        }
    }
}
