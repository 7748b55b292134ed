package org.ssewatch.web.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.web.access.Htpasswd;
import org.ssewatch.web.access.MutationGuard;

/** The hub's API over real HTTP, with real jobs (scripts) and operators written by the real htpasswd. */
@Timeout(120)
class HubServerIT {
    @TempDir
    Path dir;

    @BeforeEach
    void prepare() throws Exception {
        HubFixture.prepare(dir);
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject runIn(HubFixture hub, String id) throws Exception {
        for (var e : json(hub.get("api/runs")).getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("run " + id + " is not listed");
    }

    /** Polls api/runs until the run has left "running"; the test's timeout bounds it. */
    private static JsonObject ended(HubFixture hub, String id) throws Exception {
        JsonObject r;
        while ((r = runIn(hub, id)).get("state").getAsString().equals("running")) {
            Thread.sleep(20);
        }
        return r;
    }

    @Test
    void apiJobsDescribesEveryJobAndItsParametersForTheForm() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            JsonObject jobs = json(hub.get("api/jobs"));
            assertTrue(jobs.get("canStart").getAsBoolean());
            JsonArray list = jobs.getAsJsonArray("jobs");
            assertEquals(List.of("wait", "sleep", "argv"), list.asList().stream().map(j -> j.getAsJsonObject().get("name").getAsString()).toList());
            JsonObject sleep = list.get(1).getAsJsonObject();
            assertEquals(3, sleep.get("concurrency").getAsInt());
            JsonArray params = sleep.getAsJsonArray("params");
            assertEquals("{\"name\":\"mode\",\"type\":\"choice\",\"title\":\"mode\",\"required\":false,\"default\":\"fast\","
                    + "\"choices\":[\"fast\",\"slow\"]}", params.get(0).toString());
            assertEquals("bool", params.get(1).getAsJsonObject().get("type").getAsString());
            assertEquals(9, params.get(2).getAsJsonObject().get("max").getAsInt());
            assertEquals("Wait for a file", list.get(0).getAsJsonObject().get("title").getAsString());
        }
    }

    @Test
    void twoRunsStartedAtOnceOneCancelledKeepTheirStatesAndPathsAcrossARestart() throws Exception {
        String waiting;
        String sleeping;
        Path go = dir.resolve("go");
        String link;
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            link = hub.base.getPath();
            HttpResponse<String> started = hub.script("api/jobs/wait/runs", "{\"params\":{\"file\":\"" + go + "\"}}");
            assertEquals(201, started.statusCode(), started.body());
            waiting = json(started).get("id").getAsString();
            assertEquals("runs/" + waiting + "/", json(started).get("url").getAsString());
            assertEquals("../../../runs/" + waiting + "/", started.headers().firstValue("location").orElse(""));
            assertEquals(hub.base.resolve("runs/" + waiting + "/"),
                    hub.base.resolve("api/jobs/wait/runs").resolve(started.headers().firstValue("location").get()),
                    "Location resolves to the run's page");
            HttpResponse<String> second = hub.script("api/jobs/sleep/runs", "{\"params\":{\"mode\":\"slow\",\"loud\":true}}");
            assertEquals(201, second.statusCode(), second.body());
            sleeping = json(second).get("id").getAsString();
            JsonArray runs = json(hub.get("api/runs")).getAsJsonArray("runs");
            assertEquals(List.of(sleeping, waiting), runs.asList().stream().map(r -> r.getAsJsonObject().get("id").getAsString()).toList());
            JsonObject s = runs.get(0).getAsJsonObject();
            assertEquals("running", s.get("state").getAsString());
            assertEquals("alice", s.getAsJsonObject("startedBy").get("operator").getAsString());
            assertEquals("127.0.0.1", s.getAsJsonObject("startedBy").get("remote").getAsString());
            assertEquals("{\"mode\":\"slow\",\"loud\":\"true\",\"count\":\"1\"}", s.get("params").toString());
            JsonObject live = json(hub.get("runs/" + sleeping + "/api/status"));
            assertEquals("sleep", live.get("job").getAsString(), live.toString());
            assertEquals("{\"mode\":\"slow\",\"loud\":\"true\",\"count\":\"1\"}", live.get("params").toString());
            assertEquals("alice", live.getAsJsonObject("startedBy").get("operator").getAsString());
            assertEquals("127.0.0.1", live.getAsJsonObject("startedBy").get("remote").getAsString());
            assertEquals(live.get("started"), live.getAsJsonObject("startedBy").get("time"), "when: the run's start");
            while (hub.get("runs/" + sleeping + "/log.txt").body().isEmpty()) {
                Thread.sleep(20); // cancelled before its script printed, its log would be empty (a loaded machine)
            }
            HttpResponse<String> cancel = hub.script("api/runs/" + sleeping + "/cancel", "{}");
            assertEquals(202, cancel.statusCode(), cancel.body());
            assertEquals("cancelled", ended(hub, sleeping).get("state").getAsString());
            assertEquals("SIGTERM", runIn(hub, sleeping).getAsJsonObject("exit").get("signal").getAsString());
            HttpResponse<String> again = hub.script("api/runs/" + sleeping + "/cancel", "{}");
            assertEquals(409, again.statusCode());
            assertEquals("Run " + sleeping + " is not running (it is cancelled).\n", again.body());
            Files.createFile(go);
            assertEquals("succeeded", ended(hub, waiting).get("state").getAsString());
            assertEquals("sleeping --mode slow true 1\n", hub.get("runs/" + sleeping + "/log.txt").body());
        }
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            assertEquals(link, hub.base.getPath(), "the same token, so the same link, after a restart");
            assertTrue(link.length() > 20, link);
            assertEquals("cancelled", runIn(hub, sleeping).get("state").getAsString());
            assertEquals("succeeded", runIn(hub, waiting).get("state").getAsString());
            assertEquals("waiting for " + go + "\ndone\n", hub.get("runs/" + waiting + "/log.txt").body(), "the same path");
            HttpResponse<String> page = hub.get("runs/" + waiting + "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html"), "the run's page");
            assertEquals(302, hub.get("runs/" + waiting).statusCode());
            JsonObject status = json(hub.get("runs/" + waiting + "/api/status"));
            assertEquals("exited", status.getAsJsonObject("exit").get("reason").getAsString(), status.toString());
            assertEquals("wait", status.get("job").getAsString(), "a saved hub run's status, from run.json");
            assertEquals("{\"file\":\"" + go + "\"}", status.get("params").toString());
            assertEquals("alice", status.getAsJsonObject("startedBy").get("operator").getAsString());
            assertEquals(404, hub.get("runs/20200101-000000-000-aaaa/").statusCode());
            assertEquals(List.of(), hub.notices);
        }
    }

    @Test
    void hostileParametersArriveAsLiteralArgvAndNothingRuns() throws Exception {
        Path victim = Files.writeString(dir.resolve("x"), "still here");
        List<String> hostile = List.of("; rm -rf x", "$(touch pwned)", "`touch pwned`", "a\nb; touch pwned", "--option",
                "|| touch pwned &");
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            for (String value : hostile) {
                JsonObject body = new JsonObject();
                JsonObject params = new JsonObject();
                params.addProperty("value", value);
                body.add("params", params);
                HttpResponse<String> r = hub.script("api/jobs/argv/runs", body.toString());
                assertEquals(201, r.statusCode(), r.body());
                String id = json(r).get("id").getAsString();
                assertEquals("succeeded", ended(hub, id).get("state").getAsString());
                assertEquals("[" + value + "]\n[--value=" + value + "]\n", hub.get("runs/" + id + "/log.txt").body(), value);
            }
        }
        assertFalse(Files.exists(dir.resolve("pwned")), "no value was run");
        assertTrue(Files.exists(victim), "no value was run");
    }

    @Test
    void aBadParameterIsA400WithItsOneLineReason() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            HttpResponse<String> r = hub.script("api/jobs/sleep/runs", "{\"params\":{\"mode\":\"medium\"}}");
            assertEquals(400, r.statusCode());
            assertEquals("parameter \"mode\": \"medium\" is not one of [fast, slow]\n", r.body());
            assertEquals(400, hub.script("api/jobs/wait/runs", "{}").statusCode(), "a required parameter missing");
            assertEquals("the body is not JSON: send {\"params\": {...}}\n", hub.script("api/jobs/wait/runs", "{").body());
            assertEquals(404, hub.script("api/jobs/nope/runs", "{}").statusCode());
            assertEquals(List.of(), hub.store.list(), "nothing started");
        }
    }

    @Test
    void aFullJobIs409AndAFullServerIs429WithRetryAfter() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 3)) {
            String never = "{\"params\":{\"file\":\"" + dir.resolve("never") + "\"}}";
            assertEquals(201, hub.script("api/jobs/wait/runs", never).statusCode());
            assertEquals(201, hub.script("api/jobs/wait/runs", never).statusCode());
            HttpResponse<String> full = hub.script("api/jobs/wait/runs", never);
            assertEquals(409, full.statusCode());
            assertEquals("Not started: job wait already has 2 runs running, its concurrency is 2.\n", full.body());
            assertEquals(201, hub.script("api/jobs/sleep/runs", "{}").statusCode());
            HttpResponse<String> busy = hub.script("api/jobs/sleep/runs", "{}");
            assertEquals(429, busy.statusCode());
            assertEquals("Not started: 3 runs are running, the server's --max-running is 3.\n", busy.body());
            assertEquals("10", busy.headers().firstValue("retry-after").orElse(""));
        }
    }

    @Test
    void aPostFromAnotherOriginWithoutAuthOrWithTheViewersTokenOnlyIsRefusedAndStartsNothing() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            String alice = Htpasswd.basic("alice", "correct horse");
            String path = "api/jobs/sleep/runs";
            HttpResponse<String> evil = hub.post(path, "{}", "Origin", "http://evil.example", "Authorization", alice);
            assertEquals(403, evil.statusCode());
            HttpResponse<String> site = hub.post(path, "{}", "Sec-Fetch-Site", "cross-site", "Authorization", alice);
            assertEquals(403, site.statusCode());
            HttpResponse<String> viewer = hub.post(path, "{}");
            assertEquals(401, viewer.statusCode(), "the link's token alone lets one watch, not start");
            assertTrue(viewer.headers().firstValue("www-authenticate").orElse("").startsWith("Basic "));
            assertEquals(401, hub.post(path, "{}", "Authorization", Htpasswd.basic("alice", "wrong")).statusCode());
            HttpResponse<String> page = hub.post(path, "{}", "Origin", hub.origin(), "Sec-Fetch-Site", "same-origin",
                    "Authorization", alice);
            assertEquals(403, page.statusCode(), "a browser's POST needs the CSRF token");
            assertEquals(405, hub.get(path, "Authorization", alice).statusCode());
            HttpResponse<String> token = hub.get("api/session", "Authorization", alice);
            HttpResponse<String> bobs = hub.post(path, "{}", "Origin", hub.origin(), "Sec-Fetch-Site", "same-origin",
                    "Authorization", Htpasswd.basic("bob", "battery staple"), MutationGuard.TOKEN_HEADER,
                    json(token).get("csrf").getAsString());
            assertEquals(403, bobs.statusCode(), "alice's token is not bob's");
            assertEquals(List.of(), hub.store.list(), "nothing started");
            HttpResponse<String> ok = hub.post(path, "{}", "Origin", hub.origin(), "Sec-Fetch-Site", "same-origin",
                    "Authorization", alice, MutationGuard.TOKEN_HEADER, json(token).get("csrf").getAsString());
            assertEquals(201, ok.statusCode(), "with the token from api/session it goes through");
            String wrongToken = hub.base.toString().replaceFirst("/[^/]+/$", "/AAAAAAAAAAAAAAAAAAAAAAAA/");
            HttpResponse<String> lost = hub.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(wrongToken + path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", alice)
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, lost.statusCode(), "an operator still needs the hub's link");
        }
    }

    @Test
    void apiSessionAsksForAnOperatorAndGivesACsrfToken() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            HttpResponse<String> anonymous = hub.get("api/session");
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("www-authenticate").orElse("").startsWith("Basic realm="));
            HttpResponse<String> fromPage = hub.get("api/session", "Authorization", Htpasswd.basic("bob", "wrong"),
                    "X-SSEWatch-Login", "form");
            assertEquals(403, fromPage.statusCode(), "the page's login form gets no challenge");
            assertTrue(fromPage.headers().firstValue("www-authenticate").isEmpty());
            assertEquals("Not logged in: wrong name or password.\n", fromPage.body());
            JsonObject session = json(hub.get("api/session", "Authorization", Htpasswd.basic("bob", "battery staple")));
            assertEquals("bob", session.get("operator").getAsString());
            assertEquals(MutationGuard.TOKEN_HEADER, session.get("header").getAsString());
            assertFalse(session.get("csrf").getAsString().isEmpty());
        }
    }

    @Test
    void withoutOperatorsNobodyCanStartOrCancelAndTheHubSaysSo() throws Exception {
        try (HubFixture hub = new HubFixture(dir, false, 8)) {
            assertFalse(json(hub.get("api/jobs")).get("canStart").getAsBoolean());
            HttpResponse<String> r = hub.script("api/jobs/sleep/runs", "{}");
            assertEquals(403, r.statusCode());
            assertEquals("Nobody can start or cancel runs from the web: this hub was started without --operators.\n", r.body());
            assertEquals(403, hub.get("api/session").statusCode());
            assertEquals(List.of(), hub.store.list());
        }
    }

    @Test
    void theRunListIsAnEventStreamThatResumesByVersion() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8); SseLines first = SseLines.open(hub, "api/runs/events", null)) {
            SseLines.Event snapshot = first.next();
            assertEquals("runs", snapshot.event());
            assertEquals("{\"runs\":[]}", snapshot.data());
            String id = json(hub.script("api/jobs/argv/runs", "{\"params\":{\"value\":\"v\"}}")).get("id").getAsString();
            List<String> states = new ArrayList<>();
            String lastId = snapshot.id();
            while (!states.contains("succeeded")) {
                SseLines.Event e = first.next();
                assertEquals("run", e.event());
                JsonObject run = JsonParser.parseString(e.data()).getAsJsonObject();
                assertEquals(id, run.get("id").getAsString());
                states.add(run.get("state").getAsString());
                assertTrue(Long.parseLong(e.id()) > Long.parseLong(lastId), "ids increase");
                lastId = e.id();
            }
            assertEquals("running", states.get(0));
            try (SseLines resumed = SseLines.open(hub, "api/runs/events", lastId);
                 SseLines stale = SseLines.open(hub, "api/runs/events", "1")) {
                SseLines.Event whole = stale.next();
                assertEquals("runs", whole.event(), "a viewer behind gets the whole list anew");
                assertTrue(whole.data().contains(id));
                String next = json(hub.script("api/jobs/argv/runs", "{\"params\":{\"value\":\"w\"}}")).get("id").getAsString();
                SseLines.Event change = resumed.next();
                assertEquals("run", change.event(), "a viewer up to date gets only what changed since");
                assertTrue(change.data().contains(next));
            }
        }
    }
}
