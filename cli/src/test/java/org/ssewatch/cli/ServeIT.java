package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssewatch serve} through the real jar: a real jobs file, real htpasswd users, real signals, real HTTP. */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeIT {
    private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String alice = "Basic " + Base64.getEncoder().encodeToString("alice:correct horse".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    @BeforeEach
    void jobs() throws Exception {
        Files.writeString(tmp.resolve("jobs.yaml"), """
                jobs:
                  wait:
                    command: ["./wait-for", "{file}"]
                    params:
                      file: {type: string}
                  sleep:
                    command: ["./sleeper"]
                """);
        script("wait-for", "#!/bin/sh\necho \"waiting for $1\"\nwhile [ ! -e \"$1\" ]; do sleep 0.02; done\necho done\n");
        script("sleeper", "#!/bin/sh\necho sleeping\nexec sleep 600\n");
    }

    private void script(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private Path operators() throws Exception {
        assumeTrue(Files.isExecutable(HTPASSWD), "htpasswd is not installed (apt-get install apache2-utils); skipping");
        Path file = tmp.resolve("operators");
        Process p = new ProcessBuilder(HTPASSWD.toString(), "-B", "-b", "-c", file.toString(), "alice", "correct horse")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return file;
    }

    @Test
    void aMistakeInTheJobsFileIsSaidAsFileLineColumnAndNothingStarts() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "jobs:\n  deploy:\n    comand: [\"true\"]\n");
        Path data = tmp.resolve("data");
        Jar.Result r = Jar.run(List.of("serve", "--jobs", bad.toString(), "--data", data.toString()));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("\n" + bad + ":3:5: jobs.deploy: unknown key \"comand\""), r.err());
        assertFalse(Files.exists(data), "nothing was started");
    }

    @Test
    void serveWithoutJobsOrDataIsAUsageError() throws Exception {
        Jar.Result noJobs = Jar.run(List.of("serve", "--data", tmp.resolve("d").toString()));
        assertEquals(2, noJobs.status());
        assertEquals("ssewatch: serve needs --jobs FILE, the jobs it may start\n", noJobs.err());
        Jar.Result noData = Jar.run(List.of("serve", "--jobs", tmp.resolve("jobs.yaml").toString()));
        assertEquals("ssewatch: serve needs --data DIR, where it keeps the runs\n", noData.err());
    }

    private record Served(Process process, URI url, CompletableFuture<String> err) {
    }

    private Served serve(List<String> options) throws Exception {
        Path urlFile = tmp.resolve("url");
        Files.deleteIfExists(urlFile);
        List<String> args = new ArrayList<>(List.of("serve", "--jobs", tmp.resolve("jobs.yaml").toString(), "--data",
                tmp.resolve("data").toString(), "--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--kill-after", "1s"));
        args.addAll(options);
        Process p = Jar.start(args);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> Jar.text(p.getErrorStream()));
        try {
            return new Served(p, Jar.awaitUrl(urlFile, p), err);
        } catch (Throwable e) {
            p.destroyForcibly();
            throw new AssertionError("serve did not start: " + err.get(), e);
        }
    }

    private JsonObject start(URI hub, String job, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.resolve("api/jobs/" + job + "/runs"))
                .header("Authorization", alice).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private String get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonObject run(URI hub, String id) throws Exception {
        String runs = get(hub.resolve("api/runs"));
        assertTrue(runs.startsWith("{"), runs);
        for (var e : JsonParser.parseString(runs).getAsJsonObject().getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no run " + id);
    }

    /** Waits until run {@code id} has printed {@code text}; the test's timeout bounds it. */
    private void awaitOutput(URI hub, String id, String text) throws Exception {
        while (!get(hub.resolve("runs/" + id + "/log.txt")).contains(text)) {
            Thread.sleep(20);
        }
    }

    @Test
    void sigtermEndsTheRunningJobsAndARestartShowsTheHistoryAtTheSameLink() throws Exception {
        Path operators = operators();
        Path go = tmp.resolve("go");
        String waiting;
        String sleeping;
        URI link;
        Served first = serve(List.of("--operators", operators.toString()));
        try {
            link = first.url();
            waiting = start(link, "wait", "{\"file\":\"" + go + "\"}").get("id").getAsString();
            sleeping = start(link, "sleep", "{}").get("id").getAsString();
            awaitOutput(link, sleeping, "sleeping");
            Files.createFile(go);
            while (run(link, waiting).get("state").getAsString().equals("running")) {
                Thread.sleep(20);
            }
            first.process().toHandle().destroy(); // SIGTERM; Process.destroy would also close the pipes we read
            assertTrue(first.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, first.process().exitValue(), first.err().get());
        } finally {
            first.process().destroyForcibly();
        }
        String log = first.err().get();
        assertTrue(log.contains("stopping 1 running job"), log);
        assertTrue(log.contains("ssewatch: run " + waiting + " of job wait started by alice from 127.0.0.1\n"), log);
        assertTrue(log.contains("ssewatch: run " + waiting + " of job wait ended: succeeded (exit 0)\n"), log);
        assertTrue(log.contains("ssewatch: run " + sleeping + " of job sleep started by alice from 127.0.0.1\n"), log);
        assertTrue(log.contains("ssewatch: run " + sleeping + " of job sleep ended: interrupted (SIGTERM)\n"), log);
        Served second = serve(List.of("--operators", operators.toString()));
        try {
            assertEquals(link.getPath(), second.url().getPath(), "the same token, so the same link");
            assertEquals("succeeded", run(second.url(), waiting).get("state").getAsString());
            JsonObject ended = run(second.url(), sleeping);
            assertEquals("interrupted", ended.get("state").getAsString());
            assertEquals("SIGTERM", ended.getAsJsonObject("exit").get("signal").getAsString(), "ended as Ctrl-C ends a command");
            assertEquals("waiting for " + go + "\ndone\n", get(second.url().resolve("runs/" + waiting + "/log.txt")));
            assertTrue(second.err().isDone() || second.process().isAlive());
        } finally {
            second.process().toHandle().destroy();
            second.process().waitFor(60, TimeUnit.SECONDS);
        }
        try (Jar.Shown shown = Jar.show(tmp.resolve("data/runs/" + waiting), tmp.resolve("url-show"))) {
            JsonObject status = JsonParser.parseString(get(shown.url().resolve("api/status"))).getAsJsonObject();
            assertEquals("wait", status.get("job").getAsString(), "ssewatch show says who started a hub's run: " + status);
            assertEquals("{\"file\":\"" + go + "\"}", status.get("params").toString());
            assertEquals("alice", status.getAsJsonObject("startedBy").get("operator").getAsString());
            assertEquals("127.0.0.1", status.getAsJsonObject("startedBy").get("remote").getAsString());
        }
    }

    @Test
    void aRunningJobOfAServerKilledWithSigkillIsInterruptedAfterARestartWithItsOutput() throws Exception {
        Path operators = operators();
        Served first = serve(List.of("--operators", operators.toString()));
        String id;
        long pid;
        try {
            id = start(first.url(), "sleep", "{}").get("id").getAsString();
            awaitOutput(first.url(), id, "sleeping");
            pid = JsonParser.parseString(get(first.url().resolve("runs/" + id + "/api/status"))).getAsJsonObject().get("pid").getAsLong();
        } finally {
            first.process().destroyForcibly(); // SIGKILL: the server ends nothing
            first.process().waitFor(60, TimeUnit.SECONDS);
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // the orphaned sleep, left by the kill
        Served second = serve(List.of());
        try {
            JsonObject run = run(second.url(), id);
            assertEquals("interrupted", run.get("state").getAsString());
            assertEquals("sleeping\n", get(second.url().resolve("runs/" + id + "/log.txt")));
            String status = get(second.url().resolve("runs/" + id + "/api/status"));
            assertTrue(status.contains("\"reason\":\"interrupted\""), status);
        } finally {
            second.process().toHandle().destroy();
            second.process().waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(second.err().get().contains("without --operators nobody can start jobs from the web"), second.err().get());
    }

    @Test
    void overMaxDiskWithOnlyARunningRunLeftAStartIs507WithItsReasonAndTheRunGoesOn() throws Exception {
        Jar.Result bad = Jar.run(List.of("serve", "--jobs", tmp.resolve("jobs.yaml").toString(), "--data",
                tmp.resolve("data").toString(), "--max-disk", "lots"));
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'lots' is not a size (examples: 4096, 64K, 16M, 2G)"), bad.err());
        Served served = serve(List.of("--operators", operators().toString(), "--max-disk", "1K"));
        try {
            URI hub = served.url();
            String id = start(hub, "sleep", "{}").get("id").getAsString(); // its run.json alone is over 1K
            awaitOutput(hub, id, "sleeping");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(hub.resolve("api/jobs/wait/runs"))
                    .header("Authorization", alice).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"params\":{\"file\":\"x\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(507, refused.statusCode(), refused.body());
            assertTrue(refused.body().matches("Not started: the runs hold [0-9.]+ KB, over the server's --max-disk of "
                    + "1\\.0 KB, and no finished run is left to remove\\.\n"), refused.body());
            assertEquals("10", refused.headers().firstValue("retry-after").orElse(""));
            String jobs = get(hub.resolve("api/jobs"));
            assertTrue(jobs.contains("\"refused\":\"the runs hold "), jobs);
            assertEquals("running", run(hub, id).get("state").getAsString(), "the running run goes on");
        } finally {
            served.process().toHandle().destroy();
            served.process().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
