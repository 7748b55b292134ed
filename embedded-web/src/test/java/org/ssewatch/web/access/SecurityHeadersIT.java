package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.BasicAuth;
import org.ssewatch.web.Fingerprints;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.TlsConfig;
import org.ssewatch.web.Tokens;

@Timeout(60)
class SecurityHeadersIT {
    private static final BasicAuth AUTH = BasicAuth.parse("alice:pw");
    private static final String CREDENTIALS = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));

    static void assertSecurityHeaders(HttpResponse<?> r, String what) {
        assertEquals(SecurityHeaders.CSP, r.headers().firstValue("content-security-policy").orElse(null), what);
        assertTrue(SecurityHeaders.CSP.contains("frame-ancestors 'none'"));
        assertTrue(!SecurityHeaders.CSP.contains("unsafe-inline") && !SecurityHeaders.CSP.contains("http"), "no inline script, no other origin");
        assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(null), what);
        assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(null), what);
        assertEquals("DENY", r.headers().firstValue("x-frame-options").orElse(null), what);
        assertTrue(r.headers().firstValue("server").isEmpty(), what + ": no server banner");
        assertTrue(r.headers().firstValue("x-powered-by").isEmpty(), what);
    }

    private static HttpResponse<String> send(TestServer s, URI u, String method, boolean credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(u).method(method, HttpRequest.BodyPublishers.noBody());
        if (credentials) {
            b.header("Authorization", CREDENTIALS);
        }
        return s.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every kind of answer, over HTTP/1.1 and over HTTP/2 with TLS. */
    @Test
    void everyResponseTypeCarriesEverySecurityHeader() throws Exception {
        for (TlsConfig tls : new TlsConfig[] {null, TlsConfig.ephemeral()}) {
            String token = Tokens.generate();
            try (TestServer s = TestServer.start(TestServer.loopback().withToken(token).withAuth(AUTH).withTls(tls)).started().exit(0)) {
                URI root = s.server.baseUrl().resolve("/");
                Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
                answers.put("200", send(s, s.url("api/status"), "GET", true));
                answers.put("SSE", send(s, s.url("events"), "GET", true));
                answers.put("204", send(s, s.url("events?lastEventId=" + s.journal.lastId()), "GET", true));
                answers.put("302", send(s, root.resolve(token), "GET", true));
                answers.put("400", send(s, s.url("poll?after=-1"), "GET", true));
                answers.put("401", send(s, s.url("api/status"), "GET", false));
                answers.put("404 token", send(s, root.resolve("nope/api/status"), "GET", false));
                answers.put("404 path", send(s, s.url("nope"), "GET", true));
                answers.put("405", send(s, s.url("events"), "DELETE", true));
                String[] codes = {"200", "200", "204", "302", "400", "401", "404", "404", "405"};
                int i = 0;
                for (Map.Entry<String, HttpResponse<String>> e : answers.entrySet()) {
                    assertEquals(Integer.parseInt(codes[i++]), e.getValue().statusCode(), e.getKey());
                    assertSecurityHeaders(e.getValue(), e.getKey() + (tls == null ? "" : " over h2"));
                }
                assertEquals("text/event-stream", answers.get("SSE").headers().firstValue("content-type").orElse(""));
            }
        }
    }

    @Test
    void tooManyViewersIs503WithTheSecurityHeadersToo() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withMaxViewers(1)).started()) {
            URI u = s.url("events");
            try (Socket viewer = new Socket(u.getHost(), u.getPort())) {
                viewer.getOutputStream().write(("GET " + u.getPath() + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = viewer.getInputStream();
                in.read(new byte[256]); // the response has begun: the viewer is counted
                for (String path : new String[] {"events", "poll"}) {
                    HttpResponse<String> r = s.get(path);
                    assertEquals(503, r.statusCode(), path);
                    assertEquals("10", r.headers().firstValue("retry-after").orElse(""), path);
                    assertTrue(r.headers().firstValue("x-accel-buffering").isEmpty(), path);
                    assertSecurityHeaders(r, "503 " + path);
                }
            }
        }
    }

    /**
     * Browsers apply Cross-Origin-Opener-Policy only on a potentially trustworthy origin (https, or
     * a loopback host) and log an error on every other load: over plain http to a LAN name or
     * address, as the printed URL is, it is left out.
     */
    @Test
    void crossOriginOpenerPolicyIsSentOnlyWhereBrowsersApplyIt() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback()).started()) {
            String path = s.url("api/status").getRawPath();
            int port = s.server.baseUrl().getPort();
            for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "localhost", "[::1]:" + port,
                "ci.localhost:" + port, "127.0.1.1"}) {
                assertEquals("same-origin", opener(s.raw(request(path, host))), host);
            }
            for (String host : new String[] {"buildbox:" + port, "buildbox", "192.168.1.20:" + port, "[fe80::1]:" + port,
                "localhost.example.com", "127.0.0.1.nip.io"}) {
                assertEquals(null, opener(s.raw(request(path, host))), host);
            }
            // Behind a proxy that serves https and says so.
            assertEquals("same-origin", opener(s.raw(request(path, "ci.example.com") .replace("\r\n\r\n",
                    "\r\nX-Forwarded-Proto: https\r\n\r\n"))));
        }
        try (TestServer s = TestServer.start(TestServer.loopback().withTls(TlsConfig.ephemeral())).started()) {
            javax.net.ssl.SSLContext tls = Fingerprints.trusting(s.server.certificateFingerprint());
            try (java.net.Socket sock = tls.getSocketFactory().createSocket("127.0.0.1", s.server.baseUrl().getPort())) {
                sock.setSoTimeout(10_000);
                sock.getOutputStream().write(request(s.url("api/status").getRawPath(), "buildbox").getBytes(StandardCharsets.US_ASCII));
                String head = new String(sock.getInputStream().readNBytes(2048), StandardCharsets.ISO_8859_1);
                assertEquals("same-origin", opener(head), "over https to any name: " + head);
            }
        }
    }

    private static String request(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /** The Cross-Origin-Opener-Policy of a raw HTTP/1.1 answer, or null when it has none. */
    private static String opener(String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        return head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("cross-origin-opener-policy:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
    }
}
