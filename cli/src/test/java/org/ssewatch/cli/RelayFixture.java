package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.web.Nginx;
import org.ssewatch.web.NginxDoc;
import org.ssewatch.web.Tokens;
import redis.clients.jedis.Jedis;

/**
 * Publishers and relays of the real jar around a real redis-server, and a real nginx in front of
 * two relays with docs/nginx.md's upstream block (issue 18's deployment on one machine), each
 * stopped after the test.
 */
abstract class RelayFixture extends JarFixture {
    private static final Pattern RUN_ID = Pattern.compile("as run (\\S+)");
    /** The addresses of docs/nginx.md's upstream block, replaced by the relays' own. */
    private static final List<String> DOC_RELAYS = List.of("127.0.0.1:8081", "127.0.0.1:8082");
    private static final String DOC_LISTEN = "listen 80;";

    RedisServer redis;
    /** The relays behind nginx share one token, as docs/nginx.md says they must. */
    final String token = Tokens.generate();
    private final List<Process> processes = new ArrayList<>();
    private final List<RelayNode> nodes = new ArrayList<>();
    private Nginx nginx;

    /** Set by {@link #twoRelaysBehindNginx}. */
    RelayNode a;
    RelayNode b;
    /** nginx's base URL, {@code http://127.0.0.1:PORT/TOKEN/}. */
    URI through;
    PipePublisher publisher;

    @AfterEach
    void stopAll() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A relay of {@link #redis} with {@code options}; its stderr goes to relay-err-NAME. */
    URI relay(String name, String... options) throws Exception {
        return node(name, options).url;
    }

    /** The same, as a process a test can ask for its viewers and kill. */
    RelayNode node(String name, String... options) throws Exception {
        Path urlFile = dir.resolve("relay-url-" + name);
        Path err = dir.resolve("relay-err-" + name);
        List<String> cmd = new ArrayList<>(ssewatch("relay", "--redis", redis.url(), "--bind", "127.0.0.1", "--url-file",
                urlFile.toString()));
        cmd.addAll(List.of(options));
        Process p = start(cmd, err);
        RelayNode node = new RelayNode(name, awaitUrl(urlFile, p), p, err);
        nodes.add(node);
        return node;
    }

    /** Starts {@code cmd} with its stderr in {@code err}; its stdin stays open for the test to write. */
    Process start(List<String> cmd, Path err) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(dir.resolve(err.getFileName() + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    /** The run id a publisher printed on {@code err}; the test's timeout bounds the wait. */
    static String awaitRunId(Path err) throws Exception {
        while (true) {
            Matcher m = RUN_ID.matcher(Files.readString(err));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the publisher has listed run {@code id} in Redis: it names the run before that,
     * and until then a relay answers 404 for it.
     */
    void awaitListed(String id) throws InterruptedException {
        try (Jedis j = redis.client()) {
            while (j.zscore("ssewatch:runs", id) == null) {
                Thread.sleep(20); // bounded by the test's timeout
            }
        }
    }

    /** How many times Redis has run {@code command} (lower case, as INFO commandstats names it). */
    /** Basic credentials for {@link #aliceOperators()}'s operator. */
    static final String ALICE = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "alice:correct horse".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");

    /** A serve --operators file with one operator, alice, written by Apache's htpasswd (skips without it). */
    Path aliceOperators() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(HTPASSWD),
                "htpasswd is not installed (apt-get install apache2-utils); skipping");
        Path operators = dir.resolve("operators");
        Process htpasswd = new ProcessBuilder(HTPASSWD.toString(), "-B", "-b", "-c", operators.toString(), "alice",
                "correct horse").redirectErrorStream(true).start();
        assertTrue(htpasswd.waitFor(30, TimeUnit.SECONDS));
        assertTrue(htpasswd.exitValue() == 0, "htpasswd failed");
        return operators;
    }

    long calls(String command) {
        try (Jedis j = redis.client()) {
            for (String line : j.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
            return 0;
        }
    }

    /** Redis, relays a and b (with {@link #token}) behind nginx, and a publisher that has written "line 1" to "line N". */
    void twoRelaysBehindNginx(int lines) throws Exception {
        redis = RedisServer.started(dir);
        a = node("a", "--token", token);
        b = node("b", "--token", token);
        through = nginx(a, b);
        publisher = PipePublisher.start(this, redis.url(), dir);
        publisher.lines(1, lines);
    }

    /**
     * nginx in front of {@code first} and {@code second}, configured with the upstream block of
     * docs/nginx.md; the test adds only a header naming the relay that served each response
     * (nginx lists every one it tried), so that a test can tell that a viewer really moved.
     */
    private URI nginx(RelayNode first, RelayNode second) throws Exception {
        String block = NginxDoc.block("upstream ssewatch_relays");
        for (String documented : List.of(DOC_RELAYS.get(0), DOC_RELAYS.get(1), DOC_LISTEN)) {
            assertTrue(block.contains(documented), "docs/nginx.md's relay block has " + documented + ": " + block);
        }
        String http = block.replace(DOC_RELAYS.get(0), first.address()).replace(DOC_RELAYS.get(1), second.address());
        nginx = Nginx.startHttp(Files.createDirectories(dir.resolve("nginx")), port -> "add_header X-Upstream $upstream_addr always;\n"
                + http.replace(DOC_LISTEN, "listen 127.0.0.1:" + port + ";"));
        return URI.create("http://127.0.0.1:" + nginx.port + "/" + token + "/");
    }

    /** The relay that served a response, from nginx's X-Upstream header: the last address it tried. */
    RelayNode servedBy(String upstreamHeader) {
        assertTrue(upstreamHeader != null, "nginx named no upstream");
        String[] tried = upstreamHeader.split(",\\s*");
        String last = tried[tried.length - 1].trim();
        return nodes.stream().filter(r -> r.address().equals(last)).findFirst()
                .orElseGet(() -> fail("no relay at " + last + " (X-Upstream: " + upstreamHeader + ")"));
    }

    /** Of a and b, the one that is not {@code one}. */
    RelayNode other(RelayNode one) {
        return one == a ? b : a;
    }
}
