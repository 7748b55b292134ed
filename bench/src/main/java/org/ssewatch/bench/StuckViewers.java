package org.ssewatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Viewers that open an event stream and then never read: a tab in a frozen browser, a client that
 * stopped. Their sockets fill up and stay full; what that costs ssewatch is the measurement.
 * Plain blocking sockets in the driver's own process: they do nothing after connecting.
 */
final class StuckViewers implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final String baseUrl;

    /** Opens {@code count} streams at {@code baseUrl} and returns once each response has begun. */
    StuckViewers(String baseUrl, int count) throws IOException {
        this.baseUrl = baseUrl;
        URI u = URI.create(baseUrl);
        byte[] request = ("GET " + u.getRawPath() + "events HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket(u.getHost(), u.getPort());
                sockets.add(s);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(request);
                awaitHeaders(s.getInputStream());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void awaitHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed an event stream before its headers");
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** Polls api/status until ssewatch counts exactly these viewers (60 s at most). */
    void awaitCounted() throws IOException, InterruptedException {
        int n = sockets.size();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String status;
        while (!(status = http.send(HttpRequest.newBuilder(URI.create(baseUrl).resolve("api/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"viewers\":" + n + "}")
                && !status.contains("\"viewers\":" + n + ",")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + n + " viewers: " + status);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
