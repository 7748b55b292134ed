package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.SmallDisk;
import org.ssewatch.share.TestChild;

/**
 * {@code ssewatch export DIR --html FILE} through the real jar: the same page that a viewer of the
 * run downloads as export.html, written whole or not at all; and a shown run read by line number.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private Path savedRun() throws Exception {
        Path saved = tmp.resolve("run");
        Jar.Result r = Jar.run(Jar.with(List.of("--bind", "127.0.0.1", "--linger", "0", "--save", saved.toString(), "--"),
                TestChild.command("out:\\e[31mred <b>&\\e[0m plain\\n", "lines:50", "err:a warning\\n", "exit:3")));
        assertEquals(3, r.status(), r.err());
        return saved;
    }

    private byte[] get(java.net.URI url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url.toString());
        return response.body();
    }

    @Test
    void theExportedFileIsTheExportHtmlThatTheShownRunServesByteForByte() throws Exception {
        Path saved = savedRun();
        Path file = tmp.resolve("run.html");
        Jar.Result r = Jar.run(List.of("export", saved.toString(), "--html", file.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out() + r.err(), "export says nothing when it works");
        byte[] exported = Files.readAllBytes(file);
        String html = new String(exported, StandardCharsets.UTF_8);
        assertTrue(html.contains("red &lt;b&gt;&amp;"), "the text, escaped");
        assertFalse(html.contains("\u001b"), "no escape sequence left in the page");
        assertTrue(html.contains("a warning"), html.length() + " chars");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from anywhere");
        try (Jar.Shown shown = Jar.show(saved, tmp.resolve("url"))) {
            assertArrayEquals(get(shown.url().resolve("export.html")), exported, "the same page as the run's export.html");
            String lines = new String(get(shown.url().resolve("lines?from=1&to=2")), StandardCharsets.UTF_8);
            assertTrue(lines.contains("\"total\":52"), "a shown run is read by line number too: " + lines);
            assertTrue(lines.contains("plain"), lines);
        }
    }

    @Test
    void aDashWritesThePageToStandardOutput() throws Exception {
        Path saved = savedRun();
        Jar.Result r = Jar.run(List.of("export", saved.toString(), "--html", "-"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out());
        assertTrue(r.out().contains("a warning"), r.out());
    }

    @Test
    void aDirThatIsNoSavedRunIsStatus2AndAFullDiskIs125WithNothingLeftBehind() throws Exception {
        Jar.Result missing = Jar.run(List.of("export", tmp.resolve("none").toString(), "--html", tmp.resolve("x.html").toString()));
        assertEquals(2, missing.status(), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("ssewatch: cannot export "), missing.err());
        assertFalse(Files.exists(tmp.resolve("x.html")));

        // 20,000 lines of export on a 64 KiB disk: the disk fills part-way through the page.
        Path saved = tmp.resolve("big");
        Jar.Result big = Jar.run(Jar.with(List.of("--bind", "127.0.0.1", "--linger", "0", "--quiet", "--save", saved.toString(),
                "--"), TestChild.command("lines:20000", "exit:0")));
        assertEquals(0, big.status(), big.err());
        try (SmallDisk disk = SmallDisk.mount(64)) {
            Path file = disk.dir().resolve("run.html");
            Jar.Result full = Jar.run(List.of("export", saved.toString(), "--html", file.toString()));
            assertEquals(125, full.status(), full.err());
            assertEquals(1, full.err().lines().count(), full.err());
            assertTrue(full.err().startsWith("ssewatch: cannot write " + file + ": "), full.err());
            try (Stream<Path> left = Files.list(disk.dir())) {
                assertEquals(List.of(), left.toList(), "no partial file, no temporary one");
            }
        }
    }
}
