package org.ssewatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * A flood of short lines that has exited and lingers, for the scenarios that read a finished run
 * (History, PageHistory): started, waited for until {@code api/status} says it exited, and asked
 * over one HTTP/1.1 client.
 */
final class FinishedFlood implements AutoCloseable {
    final Run run;
    final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    FinishedFlood(Processes procs, long lines) throws Exception {
        run = procs.launch(procs.generator("flood", Long.toString(lines), "16"), "600s");
        base = URI.create(run.awaitUrlText(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!get("api/status").contains("\"state\":\"exited\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the run of " + lines + " lines did not finish");
            }
            Thread.sleep(100);
        }
    }

    /** The body of a 200 answer to {@code relative}. */
    String get(String relative) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(relative)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(relative + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Ends the linger. */
    @Override
    public void close() throws InterruptedException {
        run.process.destroy();
        if (!run.awaitExit(20)) {
            run.process.destroyForcibly();
        }
    }
}
