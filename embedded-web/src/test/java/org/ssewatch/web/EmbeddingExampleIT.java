package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/**
 * The example from the README: a Java program of your own mounts the stream handler on its own
 * Undertow server and feeds it events. Keep the two in step.
 */
class EmbeddingExampleIT {
    @Test
    void aProgramMountsTheHandlerOnItsOwnServerAndFeedsItEvents() throws Exception {
        // --- README example begins
        Journal journal = new Journal(JournalConfig.defaults());
        Recorder recorder = new Recorder(journal);
        StreamHandler stream = new StreamHandler(recorder);
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/jobs/42", stream))
                .build();
        server.start();

        recorder.start(new StartInfo(List.of("nightly-export"), "/srv", "app01", null, "Nightly export", false));
        Recorder.StreamLines out = recorder.lines("stdout");
        out.line("exported 1000 rows");
        journal.append("progress", "{\"done\":1000,\"total\":4000}".getBytes(StandardCharsets.UTF_8));
        recorder.exit(ExitStatus.fromProcess(0));
        // --- README example ends

        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port + "/jobs/42/");
            String body = http.send(HttpRequest.newBuilder(base.resolve("events")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("id: 3\nevent: progress\ndata: {\"done\":1000,\"total\":4000}\n\n"), body);
            assertTrue(body.contains("event: exit"), body);
            assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("api/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            server.stop();
            stream.close();
            journal.close();
        }
    }
}
