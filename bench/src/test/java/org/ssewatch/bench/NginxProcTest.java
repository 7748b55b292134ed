package org.ssewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxProcTest {
    @TempDir
    Path dir;

    @Test
    void twoWorkersSendRequestsRoundRobinToTheUpstreams() throws Exception {
        assumeTrue(Files.isExecutable(NginxProc.BINARY), "no nginx: skipping (apt-get install nginx)");
        HttpServer a = named("a");
        HttpServer b = named("b");
        try (NginxProc nginx = NginxProc.start(dir, List.of(a.getAddress().getPort(), b.getAddress().getPort()), 10)) {
            assertEquals(NginxProc.WORKERS, nginx.workers().size());
            // One client connection: one worker, whose round robin alternates the upstreams.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, Integer> served = new TreeMap<>();
            for (int i = 0; i < 6; i++) {
                String who = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port + "/x")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                served.merge(who, 1, Integer::sum);
            }
            assertEquals(Map.of("a", 3, "b", 3), served);
        } finally {
            a.stop(0);
            b.stop(0);
        }
    }

    private static HttpServer named(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
            byte[] body = name.getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }
}
