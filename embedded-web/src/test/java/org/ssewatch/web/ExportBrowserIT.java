package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

/** export.html saved to a file and opened from there by Chromium with its network off, as a ticket's attachment is. */
class ExportBrowserIT extends BrowserTest {
    private static final String E = "\u001b";

    @Test
    void theSavedExportOpensOfflineWithItsColoursAndLineNumbersAndAsksForNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.html");
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("compiling");
            s.recorder.lines("stderr").line(E + "[31mfailed" + E + "[0m: 2 errors");
            s.exit(1);
            HttpResponse<Path> r = s.http.send(HttpRequest.newBuilder(s.url("export.html")).build(), HttpResponse.BodyHandlers.ofFile(file));
            assertEquals(200, r.statusCode());
        }
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", 0, "uploadThroughput", 0));
        browser.consoleLog(); // what came before
        try {
            browser.driver.get(file.toUri().toString() + "#L2");
            assertEquals("compiling", browser.js("return document.getElementById('L1').textContent"));
            assertEquals("failed: 2 errors", browser.js("return document.getElementById('L2').textContent"));
            assertEquals("\"2\"", browser.js("return getComputedStyle(document.querySelector('#L2 > a'), '::before').content"),
                    "the line number is shown, by the style sheet the policy allowed");
            String red = (String) browser.js("return getComputedStyle(document.querySelector('#L2 span.f1')).color");
            String plain = (String) browser.js("return getComputedStyle(document.getElementById('L2')).color");
            assertTrue(red.startsWith("rgb(") && !red.equals(plain), "the colour class applies: " + red + " vs " + plain);
            assertEquals(Boolean.TRUE, browser.js("return document.querySelector('#L2:target') !== null"), "#L2 is the target");
            assertEquals(0L, ((Number) browser.js("return performance.getEntriesByType('resource').length")).longValue(),
                    "nothing was requested");
            assertEquals(0L, ((Number) browser.js("return document.scripts.length")).longValue());
            List<LogEntry> console = browser.consoleLog();
            assertTrue(console.isEmpty(), "no policy violation or failed request: " + console);
        } finally {
            browser.driver.executeCdpCommand("Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
    }
}
