package org.ssewatch.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssewatch.share.Event;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/** A real server on a free loopback port over a real journal, and a real HTTP client. */
public final class TestServer implements AutoCloseable {
    public final Journal journal;
    public final Recorder recorder;
    public final WatchServer server;
    public final HttpClient http;

    public TestServer(JournalConfig journalConfig, ServerConfig config) throws ServerStartException {
        this(journalConfig, config, null);
    }

    /**
     * With {@code http} as the client; by default HTTP/1.1, or over TLS HTTP/2 trusting exactly
     * the certificate the server reports, as a teammate checking the printed fingerprint would.
     */
    public TestServer(JournalConfig journalConfig, ServerConfig config, HttpClient http) throws ServerStartException {
        journal = new Journal(journalConfig);
        recorder = new Recorder(journal);
        server = WatchServer.start(config, recorder);
        this.http = http != null ? http : client(server.certificateFingerprint());
    }

    public static HttpClient client(String fingerprint) {
        if (fingerprint == null) {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(Fingerprints.trusting(fingerprint))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server on loopback with {@code config}'s other settings. */
    public static TestServer start(ServerConfig config) throws ServerStartException {
        return new TestServer(JournalConfig.inMemory(100_000), config.withBind("127.0.0.1"));
    }

    /** The loopback configuration tests start from. */
    public static ServerConfig loopback() {
        return ServerConfig.defaults().withBind("127.0.0.1");
    }

    public static TestServer start() throws ServerStartException {
        return start(StreamOptions.defaults());
    }

    public static TestServer start(StreamOptions options) throws ServerStartException {
        return new TestServer(JournalConfig.inMemory(100_000),
                ServerConfig.defaults().withBind("127.0.0.1").withStream(options));
    }

    public TestServer started() {
        recorder.start(new StartInfo(List.of("make", "all"), "/src", "buildhost", 4242L, null, false));
        return this;
    }

    public TestServer exit(int code) {
        recorder.exit(ExitStatus.fromProcess(code));
        return this;
    }

    public URI url(String relative) {
        return server.baseUrl().resolve(relative);
    }

    public HttpResponse<String> get(String relative, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(relative)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as it is over a new socket and returns the whole answer (until the server closes or 5 s pass). */
    public String raw(String request) throws IOException {
        URI u = server.baseUrl();
        try (java.net.Socket sock = new java.net.Socket(u.getHost(), u.getPort())) {
            sock.setSoTimeout(5000);
            sock.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            sock.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = sock.getInputStream().read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // kept alive, or reset: what came is the answer
            }
            return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits until exactly {@code n} viewers are connected, failing after {@code within}. */
    public void awaitViewers(int n, java.time.Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (server.handler().viewerCount() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("viewers: " + server.handler().viewerCount() + ", expected " + n);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Prints {@code text} as a line of stdout and reads the open SSE stream {@code in} until it
     * arrives; returns how long that took in milliseconds. Fails if the stream ends first.
     */
    public long printAndAwait(java.io.BufferedReader in, String text) throws IOException {
        long before = System.nanoTime();
        recorder.lines("stdout").line(text);
        String line;
        while ((line = in.readLine()) != null && !line.contains(text)) {
            // earlier frames
        }
        if (line == null) {
            throw new AssertionError("the stream ended before \"" + text + "\" arrived");
        }
        return (System.nanoTime() - before) / 1_000_000;
    }

    /** Everything in the journal, as the SSE frames it must produce. */
    public String expectedFrames(long afterId) {
        StringBuilder b = new StringBuilder();
        for (Event e : events(afterId)) {
            b.append("id: ").append(e.id()).append("\nevent: ").append(e.type()).append("\ndata: ")
                    .append(e.payloadJson()).append("\n\n");
        }
        return b.toString();
    }

    public List<Event> events(long afterId) {
        List<Event> out = new ArrayList<>();
        long cursor = afterId;
        while (cursor < journal.lastId()) {
            cursor = journal.read(cursor, 10_000, Long.MAX_VALUE, out::add);
        }
        return out;
    }

    public static Map<String, List<String>> headers(HttpResponse<?> r) {
        return r.headers().map();
    }

    @Override
    public void close() {
        server.close();
        journal.close();
    }
}
