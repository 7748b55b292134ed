package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.RunConfig;

/**
 * Writes docs/screenshot.png and docs/screenshot-dark.png: the page at 1280x800 while
 * share/examples/long-task.sh runs its tests. Only with {@code -Dssewatch.screenshots=true}, so
 * that ordinary builds leave the committed pictures alone.
 */
@Timeout(120)
class ScreenshotBrowserIT {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path EXAMPLE = Path.of("..", "share", "examples", "long-task.sh").toAbsolutePath().normalize();

    /**
     * The example, as ./long-task.sh, four times as fast, but for the pause before the retry of the
     * flaky test, which lasts until {@code go} exists: the moment of the pictures. A function
     * exported by bash stands in for sleep(1) in the script's own bash.
     */
    private static Path example(Path dir, Path go) throws Exception {
        Path script = dir.resolve("long-task.sh");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "sleep() { if [ \"$1\" = 0.8 ]; then while [ ! -e '" + go + "' ]; do command sleep 0.05; done;"
                + " else command sleep \"$(awk \"BEGIN { print $1 / 4 }\")\"; fi; }\n"
                + "export -f sleep\n"
                + "exec bash '" + EXAMPLE + "'\n");
        script.toFile().setExecutable(true);
        return script;
    }

    @Test
    void screenshotsOfABuildInLightAndDarkThemes(@TempDir Path dir) throws Exception {
        assumeTrue(Boolean.getBoolean("ssewatch.screenshots"), "run with -Dssewatch.screenshots=true to rewrite docs/screenshot*.png");
        Path go = dir.resolve("go");
        example(dir, go);
        try (Browser browser = Browser.start();
                TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate()))) {
            RunConfig config = new RunConfig(List.of("./long-task.sh"), dir, Map.of(), false, RunConfig.DEFAULT_KILL_AFTER,
                    RunConfig.DEFAULT_MAX_LINE_BYTES, true, null);
            Thread command = new Thread(() -> new CommandRunner(config, s.recorder, null, null).run(), "long-task.sh");
            command.start();
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            browser.open(s.server.baseUrl());
            browser.waitUntil("the flaky test failed once", Duration.ofSeconds(30),
                    d -> browser.lineCount() == 35 && String.valueOf(browser.lineText(35)).contains("FAILED"));
            // the script sent progress and status through SSEWATCH_EVENTS
            browser.waitUntil("the progress shows", d -> "60".equals(browser.attr("progress", "data-percent")));
            // the panel open, and the stage with the warnings unfolded, at the tail
            browser.js("document.getElementById('annotation-counts').click();"
                    + " document.querySelector('section.group[data-group=\"compile\"] .group-head').click();"
                    + " window.ssewatchPage.scroll.setFollow(true);");
            shoot(browser, DOCS.resolve("screenshot.png"));

            // only the matching lines of the whole run (not for the docs: for a look at the mode)
            browser.js("var f = document.getElementById('filter'); f.value = 'test'; f.dispatchEvent(new Event('input'));");
            browser.waitUntil("the search counted", d -> !"".equals(browser.attr("match-count", "data-matches")));
            browser.driver.findElement(By.id("opt-matching")).click();
            browser.waitUntil("the matching lines are listed", d -> Boolean.TRUE.equals(
                    browser.js("return document.querySelectorAll('#matches .line').length > 0")));
            shoot(browser, Path.of("target", "screenshot-matching.png"));
            browser.driver.findElement(By.id("opt-matching")).click();
            browser.js("var f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'));"
                    + " window.ssewatchPage.scroll.setFollow(true);");

            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            browser.waitUntil("the dark theme applies", d -> "rgb(13, 17, 23)".equals(
                    browser.js("return getComputedStyle(document.body).backgroundColor")));
            shoot(browser, DOCS.resolve("screenshot-dark.png"));
            Files.createFile(go);
            command.join(30_000);
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
