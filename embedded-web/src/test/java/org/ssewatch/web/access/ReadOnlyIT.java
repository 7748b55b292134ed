package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.Tokens;

/**
 * Viewers can only read. There is no path from a request to the command: the handlers hold the
 * {@link org.ssewatch.share.Journal} for reading and the {@link org.ssewatch.share.Recorder} only
 * for its status, none reads a request body, and the runner gives the command its stdin and
 * signals from the terminal alone. This pins the outside of that down: every method that could
 * carry input is refused on every endpoint, and nothing changes.
 */
@Timeout(60)
class ReadOnlyIT {
    @Test
    void everyMethodButGetAndHeadIs405OnEveryEndpointAndChangesNothing() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            s.recorder.lines("stdout").line("before");
            long lastId = s.journal.lastId();
            List<String> paths = new ArrayList<>(AccessTokenIT.endpoints());
            for (String path : paths) {
                for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
                    HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.url(path))
                            .method(method, HttpRequest.BodyPublishers.ofString("kill -9 1\n\u0003"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(405, r.statusCode(), method + " " + path);
                    assertEquals("GET, HEAD", r.headers().firstValue("allow").orElse(""), method + " " + path);
                }
            }
            assertEquals(lastId, s.journal.lastId(), "no event came from a request");
            assertEquals(0, s.server.handler().viewerCount());
            assertEquals(200, s.get("api/status").statusCode(), "and the server carries on");
        }
    }
}
