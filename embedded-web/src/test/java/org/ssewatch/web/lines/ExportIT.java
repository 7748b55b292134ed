package org.ssewatch.web.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.TestServer;

class ExportIT {
    private static final String E = "\u001b";

    @Test
    void theExportHasTheRunItsNumberedLinesWithColoursAndHowItEnded() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            var out = s.recorder.lines("stdout");
            out.line("plain <b>not bold</b> & more");
            s.recorder.lines("stderr").line(E + "[1;31merror" + E + "[0m: " + E + "[38;2;255;135;0morange");
            out.line("50%", true, false);
            s.exit(3);
            HttpResponse<String> r = s.get("export.html");
            assertEquals(200, r.statusCode());
            assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            assertTrue(r.headers().firstValue("content-disposition").orElse("").startsWith("attachment"));
            String html = r.body();
            assertTrue(html.contains("<h1>make all</h1>"), "the command is the title");
            assertTrue(html.contains("<dd>buildhost</dd>"));
            assertTrue(html.contains("<dd>exit code 3, after "), "how the run ended");
            assertTrue(html.contains("<p id=L1><a href=#L1 data-n=1></a>plain &lt;b&gt;not bold&lt;/b&gt; &amp; more</p>"), html);
            assertTrue(html.contains("<p id=L2 class=\"e\"><a href=#L2 data-n=2></a><span class=\"b f1\">error</span>: "
                    + "<span class=\"f208\">orange</span></p>"), "SGR as classes, truecolour as the nearest of 256: " + html);
            assertTrue(html.contains("<p id=L3 class=\"p\"><a href=#L3 data-n=3></a>50%</p>"), "an unfinished line is marked");
            assertFalse(html.contains(E), "no escape character is left");
        }
    }

    @Test
    void theExportRefersToNothingOutsideItselfAndItsPolicyAllowsOnlyItsOwnStyleSheet() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            s.recorder.lines("stdout").line("see https://example.com/x and <img src=//evil.example/>");
            s.exit(0);
            String html = s.get("export.html").body();
            String outsideText = html.replace("see https://example.com/x and &lt;img src=//evil.example/&gt;", "");
            for (String ref : new String[] {"http:", "https:", "//", "src=", "url(", "@import", "<script", "<link", "<img"}) {
                assertFalse(outsideText.replace("<!DOCTYPE html>", "").contains(ref), "refers to something: " + ref);
            }
            Matcher policy = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
            assertTrue(policy.find());
            assertTrue(policy.group(1).startsWith("default-src 'none'; style-src 'sha256-"), policy.group(1));
            Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
            assertTrue(style.find());
            String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(style.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertTrue(policy.group(1).contains("'sha256-" + hash + "'"), "the policy allows exactly the style sheet inside");
            assertFalse(html.contains(" style="), "no style attributes, which the policy would block");
        }
    }

    @Test
    void linesNotKeptAreSaidWhereTheyWere(@TempDir Path dir) throws Exception {
        try (TestServer s = new TestServer(new JournalConfig(100, 1 << 20, dir, 4096), ServerConfig.defaults().withBind("127.0.0.1"))) {
            s.started();
            for (int i = 1; i <= 1000; i++) {
                s.recorder.lines("stdout").line("line " + i);
            }
            s.exit(0);
            String html = s.get("export.html").body();
            Matcher gap = Pattern.compile("<p class=gap>\\[lines (\\d+)\u2013(\\d+) were not kept: past the history and spill limits]</p>").matcher(html);
            assertTrue(gap.find(), html);
            long from = Long.parseLong(gap.group(1));
            long to = Long.parseLong(gap.group(2));
            assertTrue(html.contains("<p id=L" + (from - 1) + ">"));
            assertFalse(html.contains("<p id=L" + from + ">"));
            assertTrue(html.contains("<p id=L" + (to + 1) + ">"));
            assertTrue(html.indexOf("<p id=L" + (from - 1) + ">") < gap.start() && gap.start() < html.indexOf("<p id=L" + (to + 1) + ">"));
            assertTrue(html.contains("<p id=L1000>"));
            assertTrue(html.contains("<h1>make all</h1>"), "the spill file keeps the start");
        }
    }
}
