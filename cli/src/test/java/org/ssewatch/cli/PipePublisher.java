package org.ssewatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ... | ssewatch --publish URL}, fed by the test line by line, so that the run goes on for as
 * long as the test needs to cut, kill and restart things, and ends when it says ({@link #end()}).
 * It lingers after the end, so its own stream can be read as what every relay must give.
 */
final class PipePublisher {
    final URI local;
    final String runId;
    private final OutputStream in;

    private PipePublisher(URI local, String runId, OutputStream in) {
        this.local = local;
        this.runId = runId;
        this.in = in;
    }

    static PipePublisher start(RelayFixture fixture, String redisUrl, Path dir) throws Exception {
        Path urlFile = dir.resolve("publisher-url");
        Path err = dir.resolve("publisher-err");
        Process p = fixture.start(JarFixture.ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(),
                "--linger", "10m", "--quiet", "--publish", redisUrl), err);
        URI local = Jar.awaitUrl(urlFile, p);
        String runId = RelayFixture.awaitRunId(err);
        fixture.awaitListed(runId);
        return new PipePublisher(local, runId, p.getOutputStream());
    }

    /** Writes "line FROM" to "line TO", each in a write of its own (under PIPE_BUF, so never read in halves). */
    synchronized void lines(int from, int to) throws IOException {
        for (int i = from; i <= to; i++) {
            in.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    /**
     * The same, from another thread, a line every {@code micros}: lines still coming while the test
     * cuts a connection (a pace, not a synchronisation: the test waits for lines, not for time).
     */
    CompletableFuture<Void> linesMeanwhile(int from, int to, long micros) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (int i = from; i <= to; i++) {
                    lines(i, i);
                    TimeUnit.MICROSECONDS.sleep(micros);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("writing line " + from + " on", e);
            }
        }, r -> {
            Thread t = new Thread(r, "lines-" + from + "-" + to);
            t.setDaemon(true);
            t.start();
        });
    }

    /** Closes ssewatch's standard input: the run ends, with status 0. */
    void end() throws IOException {
        in.close();
    }
}
