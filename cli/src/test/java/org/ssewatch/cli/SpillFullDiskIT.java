package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.SmallDisk;
import org.ssewatch.share.TestChild;

/** The real jar with its spill file on a small disk that fills during the run. */
class SpillFullDiskIT extends JarFixture {
    @Test
    void aDiskThatFillsUnderTheSpillFileIsAGapForEveryViewerAndOneNoticeAndTheRunStillEnds() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(256)) {
            Path urlFile = dir.resolve("url");
            // 300,000 lines, 1,000 events in memory: a few thousand fit the disk, the rest can't.
            Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--quiet", "--url-file", urlFile.toString(),
                    "--linger", "1h", "--history", "1000", "--history-bytes", "64K", "--spill-dir", disk.dir().toString(),
                    "--"), TestChild.command("lines:300000", "exit:3"))).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try {
                URI url = awaitUrl(urlFile, p);
                // From the start, while the run may still be going: the stream ends after the exit event.
                HttpResponse<String> sse = http.send(HttpRequest.newBuilder(url.resolve("events")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, sse.statusCode());
                assertEveryIdOnceEndingWithExit(sse.body());

                List<String> log = get(url.resolve("log.txt")).lines().toList();
                List<String> markers = log.stream().filter(l -> l.startsWith("[ssewatch: ")).toList();
                assertEquals(1, markers.size(), markers.toString());
                java.util.regex.Matcher range = java.util.regex.Pattern
                        .compile("\\[ssewatch: output missing here \\(events (\\d+)-(\\d+) were not kept\\)]").matcher(markers.get(0));
                assertTrue(range.matches(), markers.get(0));
                int at = log.indexOf(markers.get(0));
                for (int i = 0; i < at; i++) {
                    assertEquals("line " + (i + 1), log.get(i));
                }
                long firstAfter = Long.parseLong(log.get(at + 1).substring("line ".length()));
                for (int i = at + 1; i < log.size(); i++) {
                    assertEquals("line " + (firstAfter + i - at - 1), log.get(i));
                }
                assertEquals("line 300000", log.get(log.size() - 1));
                // Events are not lines one for one: a line the writer left open for 100 ms also went out
                // as a partial update (the test child flushes every 64 KiB, mid-line). So the lines the
                // marker stands for are at most the events it names, and at least one.
                long missingLines = firstAfter - at - 1;
                long missingEvents = Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1;
                assertTrue(missingLines >= 1 && missingLines <= missingEvents, missingLines + " lines for " + markers.get(0));

                // Now that the run is over, a late reader's one gap is the one log.txt shows.
                long inside = Long.parseLong(range.group(1)) + 5;
                long to = Long.parseLong(range.group(2));
                HttpResponse<String> poll = http.send(HttpRequest.newBuilder(url.resolve("poll?after=" + inside)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, poll.statusCode(), poll::body);
                assertTrue(poll.body().startsWith("{\"events\":[{\"id\":" + to + ",\"type\":\"gap\",\"data\":{\"from\":"
                        + (inside + 1) + ",\"to\":" + to + "}}"), poll::body);
            } finally {
                p.destroy(); // SIGTERM while lingering: stop serving, exit with the command's status
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(3, p.exitValue());
            String notices = new String(err.get(), StandardCharsets.UTF_8);
            assertEquals(1, notices.split("could not be written", -1).length - 1, notices);
            assertTrue(notices.contains("ssewatch: the spill file in " + disk.dir() + " could not be written (No space left on device)"),
                    notices);
        }
    }
}
