package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.logging.LDLogger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real jar running a command as a user runs it, lingering so that its run can be read once it
 * is over: through an SSE client we did not write (LaunchDarkly's okhttp-eventsource) and plain HTTP.
 */
final class Watched implements AutoCloseable {
    static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();

    /** One event as the SSE client received it. */
    record Received(long id, String type, JsonObject data) {
    }

    private final Process process;
    private final CompletableFuture<String> err;
    final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    private Watched(Process process, CompletableFuture<String> err, URI url) {
        this.process = process;
        this.err = err;
        this.url = url;
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** ssewatch with {@code options} running {@code command}, in {@code dir}, with {@code env} added. */
    static Watched start(Path dir, Map<String, String> env, List<String> options, List<String> command) throws Exception {
        Path urlFile = Files.createTempFile(dir, "url", ".txt");
        Files.delete(urlFile);
        List<String> cmd = java("--bind", "127.0.0.1", "--quiet", "--linger", "1h", "--url-file", urlFile.toString());
        cmd.addAll(options);
        cmd.add("--");
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(urlFile)) {
            assertTrue(p.isAlive(), "ssewatch exited early: " + (p.isAlive() ? "" : err.get()));
            assertTrue(System.currentTimeMillis() < deadline, "no URL written");
            Thread.sleep(20);
        }
        return new Watched(p, err, URI.create(Files.readString(urlFile).trim()));
    }

    /** Every event of the run, read from the start to the exit event. */
    List<Received> events() throws Exception {
        List<Received> all = new ArrayList<>();
        try (EventSource es = new EventSource.Builder(ConnectStrategy.http(url.resolve("events"))
                .readTimeout(90, TimeUnit.SECONDS)).errorStrategy(ErrorStrategy.alwaysThrow()).logger(LDLogger.none()).build()) {
            while (true) {
                MessageEvent m = es.readMessage();
                all.add(new Received(Long.parseLong(m.getLastEventId()), m.getEventName(),
                        JsonParser.parseString(m.getData()).getAsJsonObject()));
                if (m.getEventName().equals("exit")) {
                    return all;
                }
            }
        }
    }

    String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The spill files ssewatch has open, as /proc shows its descriptors: the journal unlinks its
     * file as it opens it, so that nothing is left behind, and it has no name in its directory.
     */
    List<Path> openSpillFiles() throws IOException {
        List<Path> spills = new ArrayList<>();
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().contains(".spill")) {
                        spills.add(fd);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return spills;
    }

    /** Stops the lingering and returns what ssewatch said on its stderr. */
    String stop() throws Exception {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ssewatch did not stop");
        return err.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
