package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.OutputType;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/**
 * Writes docs/screenshot.png and docs/screenshot-dark.png: the page at 1280x800 after a pretend
 * build like share/examples/long-task.sh. Only with {@code -Dssewatch.screenshots=true}, so that
 * ordinary builds leave the committed pictures alone.
 */
@Timeout(120)
class ScreenshotBrowserIT {
    private static final Path DOCS = Path.of("..", "docs");
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    /** The output of share/examples/long-task.sh, roughly. */
    static void pretendBuild(Recorder recorder) {
        Recorder.StreamLines out = recorder.lines("stdout");
        Recorder.StreamLines err = recorder.lines("stderr");
        out.line(BOLD + "==> Configuring" + RESET + " project " + CYAN + "example" + RESET + " on Linux x86_64");
        for (String dep : List.of("libfoo", "libbar", "libbaz")) {
            out.line("  checking for " + dep + "... " + GREEN + "yes" + RESET);
        }
        out.line(BOLD + "==> Compiling" + RESET);
        for (int i = 1; i <= 24; i++) {
            out.line(String.format("  [%2d/24] CC src/module_%02d.c", i, i));
            if (i == 9) {
                err.line(YELLOW + "warning:" + RESET + " src/module_09.c:42: unused variable 'tmp' [-Wunused-variable]");
            }
            if (i == 17) {
                err.line(YELLOW + "warning:" + RESET + " src/module_17.c:7: implicit conversion loses precision");
            }
        }
        out.line(BOLD + "==> Downloading" + RESET + " test fixtures");
        for (int pct = 0; pct <= 100; pct += 25) {
            String bar = "#".repeat(pct / 5);
            out.line(String.format("  fixtures.tar.gz [%-20s] %3d%%", bar, pct), pct < 100, false);
        }
        out.line(BOLD + "==> Testing" + RESET);
        out.line("  waiting for the database to accept connections... " + GREEN + "ready" + RESET);
        int[] ms = {412, 238, 871, 153};
        String[] tests = {"parser", "lexer", "codegen", "runtime"};
        for (int i = 0; i < tests.length; i++) {
            out.line("  test " + tests[i] + " ... " + GREEN + "ok" + RESET + " " + DIM + "(" + ms[i] + " ms)" + RESET);
        }
        err.line("  test flaky_network ... " + RED + "FAILED" + RESET + " (retrying)");
        out.line("  test flaky_network ... " + GREEN + "ok" + RESET + " on retry");
        out.line(BOLD + "==> Packaging" + RESET);
        out.line("  wrote dist/example-1.0.tar.gz (2.4 MiB)");
        out.line(GREEN + BOLD + "Build succeeded" + RESET + " in 21s");
    }

    @Test
    void screenshotsOfABuildInLightAndDarkThemes() throws Exception {
        assumeTrue(Boolean.getBoolean("ssewatch.screenshots"), "run with -Dssewatch.screenshots=true to rewrite docs/screenshot*.png");
        try (Browser browser = Browser.start();
                TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate()))) {
            s.recorder.start(new StartInfo(List.of("./long-task.sh"), "/home/dev/example", "buildhost", 48213L, null, true));
            pretendBuild(s.recorder);
            s.recorder.exit(ExitStatus.fromProcess(0));
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            browser.open(s.server.baseUrl());
            browser.waitUntil("the run is shown to its end", d -> "ok".equals(browser.attr("state", "data-state"))
                    && browser.lineCount() == 44);
            shoot(browser, DOCS.resolve("screenshot.png"));

            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            browser.waitUntil("the dark theme applies", d -> "rgb(13, 17, 23)".equals(
                    browser.js("return getComputedStyle(document.body).backgroundColor")));
            shoot(browser, DOCS.resolve("screenshot-dark.png"));
        }
    }

    private static void shoot(Browser browser, Path file) throws Exception {
        // two frames, so that what was just laid out is painted
        browser.driver.executeAsyncScript("var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(done); });");
        byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        Files.write(file, png);
    }
}
