package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One {@code ssewatch relay} process of a {@link RelayCluster}: where it listens, what it says, and how many viewers it has. */
final class RelayNode {
    /** A failure guard only: a relay under a loaded machine's tests answers far sooner. */
    private static final long PATIENCE_MS = 60_000;

    final String name;
    final URI url;
    private final Process process;
    private final Path err;
    private final HttpClient http = HttpClient.newHttpClient();

    RelayNode(String name, URI url, Process process, Path err) {
        this.name = name;
        this.url = url;
        this.process = process;
        this.err = err;
    }

    /** HOST:PORT, as nginx names an upstream server in {@code $upstream_addr}. */
    String address() {
        return url.getHost() + ":" + url.getPort();
    }

    URI run(String runId) {
        return url.resolve("runs/" + runId + "/");
    }

    String status(String runId) throws Exception {
        return http.send(HttpRequest.newBuilder(run(runId).resolve("api/status")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The viewers of the run this relay is serving now, by its own count (streams and held polls). */
    int viewers(String runId) throws Exception {
        return JsonParser.parseString(status(runId)).getAsJsonObject().get("viewers").getAsInt();
    }

    /** Waits until this relay has {@code n} viewers of the run: it is the relay a viewer is on, or no longer on. */
    void awaitViewers(String runId, int n) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        int now;
        while ((now = viewers(runId)) != n) {
            if (System.currentTimeMillis() > deadline) {
                fail("relay " + name + " has " + now + " viewers of run " + runId + ", not " + n);
            }
            Thread.sleep(20);
        }
    }

    /** What the relay said on its stderr so far. */
    String stderr() throws Exception {
        return Files.readString(err);
    }

    /** SIGKILL, as a machine that dies: no goodbye to its viewers, nginx sees its connections drop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
