package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.Tokens;
import org.ssewatch.web.page.AssetHandler;

@Timeout(60)
class AccessTokenIT {
    /** Every path a viewer can use; the page's assets only where this build has them. */
    static List<String> endpoints() {
        List<String> paths = new ArrayList<>(List.of("events", "poll", "log.txt", "api/status"));
        for (String asset : List.of("", "index.html", "ssewatch.js", "app.js", "style.css", "favicon.svg")) {
            String file = asset.isEmpty() ? AssetHandler.INDEX : asset;
            if (AssetHandler.class.getResource("/org/ssewatch/web/assets/" + file) != null) {
                paths.add(asset);
            }
        }
        return paths;
    }

    @Test
    void everyEndpointIs404WithoutTheTokenOrWithAWrongOneAndServedWithIt() throws Exception {
        String token = Tokens.generate();
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(token)).started().exit(0)) {
            URI root = s.server.baseUrl().resolve("/");
            String wrongSameLength = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
            List<String> wrongs = List.of("", "nope/", wrongSameLength + "/", token.substring(0, 23) + "/",
                    token + "x/", token.toUpperCase() + "/", token.toLowerCase() + "/", "x/" + token + "/");
            for (String path : endpoints()) {
                for (String wrong : wrongs) {
                    HttpResponse<String> r = get(s, root.resolve(wrong + path));
                    assertEquals(404, r.statusCode(), wrong + path);
                    assertEquals("Not found.\n", r.body(), "the same answer as for any unknown path");
                }
                HttpResponse<String> ok = get(s, s.url(path));
                assertEquals(200, ok.statusCode(), path);
            }
        }
    }

    @Test
    void thePrintedUrlCarriesTheTokenAndWithoutATokenEverythingIsOpen() throws Exception {
        String token = Tokens.generate();
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(token))) {
            assertEquals("/" + token + "/", s.server.baseUrl().getPath());
            s.server.urls().forEach(u -> assertEquals("/" + token + "/", u.getPath()));
        }
        try (TestServer s = TestServer.start(TestServer.loopback()).started().exit(0)) {
            assertEquals("/", s.server.baseUrl().getPath());
            for (String path : endpoints()) {
                assertEquals(200, s.get(path).statusCode(), path);
            }
        }
    }

    private static HttpResponse<String> get(TestServer s, URI u) throws Exception {
        return s.http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
    }
}
