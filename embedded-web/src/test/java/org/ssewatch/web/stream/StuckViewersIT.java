package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.RawHttp;
import org.ssewatch.web.TestServer;

/**
 * Viewers that open an event stream and never read. Each one's socket takes what the kernel
 * buffers for it and then costs nothing; left to autotuning, the server's send buffer is several
 * MiB on loopback, all of it framed and copied for nobody (bench {@code stuck} measures the cost).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StuckViewersIT {
    private static final Pattern SEND_BUFFER = Pattern.compile("\\btb(\\d+)");

    /** Reads the kernel's send buffer size of every established socket on the server's port, with ss(8). */
    private static List<Long> serverSendBuffers(int port) throws Exception {
        Process p = new ProcessBuilder("ss", "-tnmH", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ss failed: " + out);
        List<Long> sizes = new ArrayList<>();
        for (Matcher m = SEND_BUFFER.matcher(out); m.find(); ) {
            sizes.add(Long.parseLong(m.group(1)));
        }
        return sizes;
    }

    @Test
    void anEventStreamsSocketKeepsASmallSendBuffer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "ss (iproute2) is not installed: skipped");
        try (TestServer s = TestServer.start().started(); RawHttp stuck = RawHttp.open(s)) {
            stuck.send(stuck.get("events", ""));
            assertTrue(stuck.head().startsWith("HTTP/1.1 200"));
            s.awaitViewers(1, Duration.ofSeconds(20));
            for (int i = 0; i < 2000; i++) {
                s.recorder.lines("stdout").line("x".repeat(1000)); // 2 MB that it never reads
            }
            List<Long> sizes = serverSendBuffers(s.server.port());
            assertEquals(1, sizes.size(), "one stream is open: " + sizes);
            // Linux doubles what is asked for, for its own bookkeeping.
            assertTrue(sizes.get(0) <= 2L * SseConnection.SEND_BUFFER_BYTES, "send buffer " + sizes.get(0) + " bytes");
        }
    }

    @Test
    void viewersThatNeverReadHoldUpNoLiveViewerAndFreeTheirPlacesWhenGone() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            List<RawHttp> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    RawHttp c = RawHttp.open(s);
                    stuck.add(c);
                    c.socket().setReceiveBufferSize(8 * 1024);
                    c.send(c.get("events", ""));
                    assertTrue(c.head().startsWith("HTTP/1.1 200"));
                }
                HttpResponse<InputStream> live = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                s.awaitViewers(21, Duration.ofSeconds(20));
                int lines = 5000;
                String text = "y".repeat(2000);
                for (int i = 0; i < lines; i++) {
                    s.recorder.lines("stdout").line(i + " " + text); // 10 MB, far more than the stuck ones hold
                }
                s.exit(0);
                int got = 0;
                boolean exit = false;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("data: {\"line\":")) {
                            assertTrue(line.contains("\"text\":\"" + got + " "), "line " + got + " out of order: "
                                    + line.substring(0, Math.min(80, line.length())));
                            got++;
                        }
                        exit |= line.equals("event: exit");
                    }
                }
                assertEquals(lines, got);
                assertTrue(exit, "the live viewer got the exit event");
                assertFalse(s.server.handler().viewerCount() < 20, "the stuck ones are still there, behind");
            } finally {
                for (RawHttp c : stuck) {
                    c.close();
                }
            }
            s.awaitViewers(0, Duration.ofSeconds(20));
        }
    }
}
