package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssewatch.web.access.Htpasswd.basic;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard in front of a trivial handler on a real Undertow, asked by a real HTTP client with
 * the headers a browser (or a forger) sends; operators come from a file the real htpasswd wrote.
 */
@Timeout(120)
class MutationGuardIT {
    @TempDir
    Path dir;
    Undertow server;
    URI base;
    Operators operators;
    final CsrfTokens tokens = new CsrfTokens();
    final AtomicInteger reached = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        Htpasswd.assumeInstalled();
        Path file = dir.resolve("operators");
        Htpasswd.run("-B", "-b", "-c", file.toString(), "alice", "correct horse");
        Htpasswd.run("-B", "-b", file.toString(), "bob", "battery staple");
        operators = Operators.load(file, w -> {
            throw new AssertionError(w);
        });
        HttpHandler[] guard = new HttpHandler[1];
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(ex -> guard[0].handleRequest(ex)).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        base = URI.create("http://127.0.0.1:" + port + "/");
        HttpHandler started = ex -> {
            reached.incrementAndGet();
            FormData form = ex.getAttachment(FormDataParser.FORM_DATA);
            String field = form == null || form.getFirst("job") == null ? "" : " job=" + form.getFirst("job").getValue();
            ex.getResponseSender().send("started by " + ex.getAttachment(MutationGuard.OPERATOR) + field);
        };
        guard[0] = new MutationGuard(operators, tokens, Origins.of(List.of(base, URI.create("http://localhost:" + port + "/x/"))), started);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private String own() {
        return "http://127.0.0.1:" + base.getPort();
    }

    private HttpResponse<String> send(String method, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("api/jobs/deploy/runs"))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a browser sends for a fetch from the server's own page, logged in as {@code user}, with {@code token}. */
    private HttpResponse<String> fromOwnPage(String user, String password, String token) throws Exception {
        List<String> h = new ArrayList<>(List.of("Origin", own(), "Sec-Fetch-Site", "same-origin", "Authorization", basic(user, password)));
        if (token != null) {
            h.addAll(List.of(MutationGuard.TOKEN_HEADER, token));
        }
        return send("POST", "application/json", "{\"params\": {}}", h.toArray(String[]::new));
    }

    @Test
    void anOperatorsPostFromTheServersOwnPageWithTheirTokenGoesThrough() throws Exception {
        HttpResponse<String> r = fromOwnPage("alice", "correct horse", tokens.issue("alice"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("started by alice", r.body());
        HttpResponse<String> other = send("POST", "application/json", "{}", "Origin", "http://LOCALHOST:" + base.getPort(),
                "Authorization", basic("bob", "battery staple"), MutationGuard.TOKEN_HEADER, tokens.issue("bob"));
        assertEquals("started by bob", other.body(), "every address of the server is its own origin, in any case");
    }

    @Test
    void everyMethodButPostIs405WithAllowPost() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<String> r = send(method, "application/json", "", "Authorization", basic("alice", "correct horse"));
            assertEquals(405, r.statusCode(), method);
            assertEquals("POST", r.headers().firstValue("allow").orElse(""), method);
        }
        assertEquals(0, reached.get());
    }

    @Test
    void aPostFromAnotherOriginIsRefusedBeforeAnyPasswordIsChecked() throws Exception {
        long bcrypts = operators.bcryptCount();
        String token = tokens.issue("alice");
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:" + (base.getPort() + 1),
                "https://127.0.0.1:" + base.getPort(), "http://127.0.0.1.evil.example:" + base.getPort())) {
            HttpResponse<String> r = send("POST", "application/json", "{}", "Origin", origin,
                    "Authorization", basic("alice", "correct horse"), MutationGuard.TOKEN_HEADER, token);
            assertEquals(403, r.statusCode(), origin);
            assertTrue(r.body().startsWith("Refused: origin " + origin + " is not this server's"), r.body());
        }
        assertEquals(0, reached.get());
        assertEquals(bcrypts, operators.bcryptCount(), "a flood from other sites costs no bcrypt");
    }

    @Test
    void aFetchThatTheBrowserSaysIsFromAnotherSiteIsRefusedWithOrWithoutOrigin() throws Exception {
        String token = tokens.issue("alice");
        for (String site : List.of("cross-site", "same-site", "none")) {
            HttpResponse<String> r = send("POST", "application/json", "{}", "Sec-Fetch-Site", site,
                    "Authorization", basic("alice", "correct horse"), MutationGuard.TOKEN_HEADER, token);
            assertEquals(403, r.statusCode(), site);
            assertEquals("Refused: this request comes from another site (Sec-Fetch-Site: " + site
                    + "); runs are started and cancelled from this server's own pages.\n", r.body());
        }
        assertEquals(0, reached.get());
    }

    @Test
    void withoutAnOperatorsPasswordIs401WithAChallenge() throws Exception {
        String token = tokens.issue("alice");
        for (String auth : List.of(basic("alice", "wrong"), basic("mallory", "correct horse"), "Bearer viewer-token", "")) {
            HttpResponse<String> r = auth.isEmpty()
                    ? send("POST", "application/json", "{}", "Origin", own(), MutationGuard.TOKEN_HEADER, token)
                    : send("POST", "application/json", "{}", "Origin", own(), "Authorization", auth, MutationGuard.TOKEN_HEADER, token);
            assertEquals(401, r.statusCode(), auth);
            assertEquals(BasicAuthGate.CHALLENGE, r.headers().firstValue("www-authenticate").orElse(""));
        }
        assertEquals(0, reached.get());
    }

    @Test
    void aMissingForgedOrAnotherOperatorsTokenIsRefused() throws Exception {
        HttpResponse<String> none = fromOwnPage("alice", "correct horse", null);
        assertEquals(403, none.statusCode());
        assertEquals("Refused: no CSRF token for operator alice; reload the page and try again.\n", none.body());
        HttpResponse<String> bobs = fromOwnPage("alice", "correct horse", tokens.issue("bob"));
        assertEquals(403, bobs.statusCode());
        assertEquals("Refused: not a valid CSRF token for operator alice; reload the page and try again.\n", bobs.body());
        String real = tokens.issue("alice");
        for (String forged : List.of("x", ".", real.substring(0, real.length() - 2) + "AA", real + "A", new CsrfTokens().issue("alice"))) {
            assertEquals(403, fromOwnPage("alice", "correct horse", forged).statusCode(), forged);
        }
        assertEquals(0, reached.get());
    }

    @Test
    void aFormCarriesTheTokenInItsCsrfFieldAndTheHandlerStillSeesTheForm() throws Exception {
        String body = "job=deploy&" + MutationGuard.TOKEN_FIELD + "=" + tokens.issue("alice");
        HttpResponse<String> r = send("POST", "application/x-www-form-urlencoded", body, "Origin", own(), "Sec-Fetch-Site", "same-origin",
                "Authorization", basic("alice", "correct horse"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("started by alice job=deploy", r.body());
        HttpResponse<String> without = send("POST", "application/x-www-form-urlencoded", "job=deploy", "Origin", own(),
                "Authorization", basic("alice", "correct horse"));
        assertEquals(403, without.statusCode());
    }

    @Test
    void aScriptThatSendsJsonWithoutBrowserHeadersNeedsNoTokenButAFormLikeBodyDoes() throws Exception {
        HttpResponse<String> script = send("POST", "application/json; charset=utf-8", "{\"params\": {}}",
                "Authorization", basic("bob", "battery staple"));
        assertEquals(200, script.statusCode(), script.body());
        assertEquals("started by bob", script.body());
        for (String simple : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = send("POST", simple, "{\"params\": {}}", "Authorization", basic("bob", "battery staple"));
            assertEquals(403, r.statusCode(), simple + ": a body a cross-site form can send needs the token");
        }
        assertEquals(1, reached.get());
    }
}
