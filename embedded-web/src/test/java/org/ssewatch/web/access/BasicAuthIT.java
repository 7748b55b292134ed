package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.BasicAuth;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.Tokens;

@Timeout(60)
class BasicAuthIT {
    private static final BasicAuth AUTH = BasicAuth.parse("alice:correct horse");

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer start() throws ServerStartException {
        return TestServer.start(TestServer.loopback().withToken(Tokens.generate()).withAuth(AUTH));
    }

    @Test
    void withoutCredentialsEveryEndpointIs401WithABasicChallenge() throws Exception {
        try (TestServer s = start().started()) {
            for (String path : AccessTokenIT.endpoints()) {
                for (String[] headers : new String[][] {{}, {"Authorization", basic("alice:wrong")},
                        {"Authorization", basic("bob:correct horse")}, {"Authorization", "Basic %%%"}}) {
                    HttpResponse<String> r = s.get(path, headers);
                    assertEquals(401, r.statusCode(), path);
                    assertEquals("Basic realm=\"ssewatch\", charset=\"UTF-8\"", r.headers().firstValue("www-authenticate").orElse(""));
                }
            }
            assertEquals(0, s.server.handler().viewerCount());
        }
    }

    @Test
    void aWrongTokenIs404EvenWithTheRightCredentials() throws Exception {
        try (TestServer s = start().started()) {
            HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.server.baseUrl().resolve("/wrong/api/status"))
                    .header("Authorization", basic("alice:correct horse")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            assertTrue(r.headers().firstValue("www-authenticate").isEmpty(), "nothing tells a stranger what is here");
        }
    }

    /** java.net.http answers the challenge the way a browser does, so the challenge must be one it understands. */
    @Test
    void aClientThatAnswersTheChallengeCanStreamAndPoll() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).authenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                assertEquals("ssewatch", getRequestingPrompt());
                return new PasswordAuthentication("alice", "correct horse".toCharArray());
            }
        }).build();
        try (TestServer s = new TestServer(JournalConfig.inMemory(1000),
                TestServer.loopback().withToken(Tokens.generate()).withAuth(AUTH), client).started()) {
            assertEquals(200, s.get("api/status").statusCode());
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(s.url("events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            s.recorder.lines("stdout").line("live through the login");
            String line;
            while ((line = in.readLine()) != null && !line.contains("live through the login")) {
                // earlier frames
            }
            assertTrue(line != null && line.startsWith("data: "), String.valueOf(line));
            JsonObject poll = JsonParser.parseString(s.get("poll?after=0&wait=0").body()).getAsJsonObject();
            assertEquals(2, poll.getAsJsonArray("events").size());
            s.exit(0);
            in.close();
            assertTrue(asked.get() >= 1);
        }
    }

    @Test
    void preemptiveCredentialsWorkForEveryEndpoint() throws Exception {
        try (TestServer s = start().started()) {
            s.exit(0);
            for (String path : AccessTokenIT.endpoints()) {
                HttpResponse<String> r = s.get(path, "Authorization", basic("alice:correct horse"));
                assertEquals(200, r.statusCode(), path);
            }
            HttpResponse<String> poll = s.get("poll?after=0", "Authorization", basic("alice:correct horse"));
            assertTrue(poll.body().contains("\"done\":true"), poll.body());
        }
    }

    @Test
    void credentialsAreNotNeededWhereNoneAreConfigured() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback()).started()) {
            assertEquals(200, s.get("api/status").statusCode());
            assertEquals(200, s.get("api/status", "Authorization", basic("anyone:anything")).statusCode());
        }
    }
}
