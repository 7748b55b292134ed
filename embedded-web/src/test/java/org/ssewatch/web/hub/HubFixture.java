package org.ssewatch.web.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.jobs.Jobs;
import org.ssewatch.share.runs.HubLimits;
import org.ssewatch.share.runs.JobLauncher;
import org.ssewatch.share.runs.Retention;
import org.ssewatch.share.runs.RunStore;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.access.Htpasswd;
import org.ssewatch.web.access.Operators;

/**
 * A real hub over a data directory, as {@code ssewatch serve} wires it, on a free loopback port,
 * with a real jobs file of small scripts and operators written by the real htpasswd.
 */
public final class HubFixture implements AutoCloseable {
    static final String JOBS = """
            jobs:
              wait:
                title: Wait for a file
                command: ["./wait-for", "{file}"]
                params:
                  file: {type: string}
                concurrency: 2
              sleep:
                command: ["./sleeper", "--mode", "{mode}", "{loud}", "{count}"]
                params:
                  mode: {type: choice, choices: [fast, slow], default: fast}
                  loud: {type: bool, default: false}
                  count: {type: int, min: 1, max: 9, default: 1}
                concurrency: 3
              argv:
                command: ["./print-argv", "{value}", "--value={value}"]
                params:
                  value: {type: string}
            """;

    public final Path data;
    public final RunStore store;
    final JobLauncher launcher;
    final HubServer server;
    public final URI base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> notices = new CopyOnWriteArrayList<>();

    /** Writes the scripts, the jobs file and the operators (alice, bob) into {@code dir}, once. */
    public static void prepare(Path dir) throws Exception {
        script(dir, "wait-for", "#!/bin/sh\necho \"waiting for $1\"\nwhile [ ! -e \"$1\" ]; do sleep 0.02; done\necho done\n");
        script(dir, "sleeper", "#!/bin/sh\necho \"sleeping $*\"\nexec sleep 600\n");
        script(dir, "print-argv", "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        Files.writeString(dir.resolve("jobs.yaml"), JOBS);
        Htpasswd.assumeInstalled();
        Htpasswd.run("-B", "-b", "-c", dir.resolve("operators").toString(), "alice", "correct horse");
        Htpasswd.run("-B", "-b", dir.resolve("operators").toString(), "bob", "battery staple");
    }

    private static void script(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    public HubFixture(Path dir, boolean withOperators, int maxRunning) throws Exception {
        data = dir.resolve("data");
        Jobs jobs = Jobs.load(dir.resolve("jobs.yaml"));
        store = RunStore.open(data, notices::add);
        launcher = new JobLauncher(store, new HubLimits(maxRunning, Duration.ofMillis(500), JournalConfig.inMemory(1000),
                Retention.FOREVER), notices::add);
        Operators operators = withOperators ? Operators.load(dir.resolve("operators"), notices::add) : null;
        ServerConfig config = new ServerConfig("127.0.0.1", 0, HubToken.load(data), null, StreamOptions.defaults());
        server = HubServer.start(config, new Hub(jobs, store, launcher, operators));
        base = server.baseUrl();
    }

    String origin() {
        return "http://127.0.0.1:" + base.getPort();
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a JSON body and {@code headers}, as curl would send it when given them. */
    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A script's POST: alice's credentials, no Origin, a JSON body. */
    HttpResponse<String> script(String path, String json) throws Exception {
        return post(path, json, "Authorization", Htpasswd.basic("alice", "correct horse"));
    }

    @Override
    public void close() {
        server.close();
        launcher.close();
    }
}
