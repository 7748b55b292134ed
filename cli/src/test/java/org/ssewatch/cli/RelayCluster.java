package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.web.Nginx;
import org.ssewatch.web.NginxDoc;
import org.ssewatch.web.Tokens;
import redis.clients.jedis.Jedis;

/**
 * Issue 18's deployment on one machine, from real processes: a real redis-server, publishers and
 * relays (the real jar), and a real nginx in front of two relays with docs/nginx.md's upstream
 * block. The relays share one token, as the doc says they must. Closing it stops them all.
 */
final class RelayCluster implements AutoCloseable {
    /** The addresses of docs/nginx.md's upstream block, replaced by the relays' own. */
    private static final List<String> DOC_RELAYS = List.of("127.0.0.1:8081", "127.0.0.1:8082");
    private static final String DOC_LISTEN = "listen 80;";

    final RedisServer redis;
    final String token = Tokens.generate();
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<RelayNode> relays = new ArrayList<>();
    private Nginx nginx;

    private RelayCluster(Path dir, RedisServer redis) {
        this.dir = dir;
        this.redis = redis;
    }

    /** A cluster with its redis-server running (the test is skipped, saying so, where there is none). */
    static RelayCluster start(Path dir) throws Exception {
        return new RelayCluster(dir, RedisServer.started(dir));
    }

    /** Starts {@code cmd}, its stderr to {@code err} (read while it runs), its stdin a pipe left to the caller. */
    Process start(List<String> cmd, Path err) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve(err.getFileName() + ".out").toFile())
                .start();
        processes.add(p);
        return p;
    }

    /** A relay of this cluster's Redis, with the cluster's token, on a free port. */
    RelayNode relay(String name) throws Exception {
        Path urlFile = dir.resolve("relay-url-" + name);
        Path err = dir.resolve("relay-err-" + name);
        Process p = start(JarFixture.ssewatch("relay", "--redis", redis.url(), "--bind", "127.0.0.1", "--token", token,
                "--url-file", urlFile.toString()), err);
        RelayNode relay = new RelayNode(name, Jar.awaitUrl(urlFile, p), p, err);
        relays.add(relay);
        return relay;
    }

    /** A pipe-mode ssewatch publishing to this cluster's Redis. */
    PipePublisher publisher() throws Exception {
        return PipePublisher.start(this, redis.url(), dir);
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

    /**
     * nginx in front of {@code first} and {@code second}, configured with the upstream block of
     * docs/nginx.md; the test adds only a header naming the relay that served each response
     * (nginx lists every one it tried), so that a test can tell that a viewer really moved.
     * Returns the base URL viewers use: {@code http://127.0.0.1:PORT/TOKEN/}.
     */
    URI nginx(RelayNode first, RelayNode second) throws Exception {
        String block = NginxDoc.block("upstream ssewatch_relays");
        for (String documented : List.of(DOC_RELAYS.get(0), DOC_RELAYS.get(1), DOC_LISTEN)) {
            assertTrue(block.contains(documented), "docs/nginx.md's relay block has " + documented + ": " + block);
        }
        String http = block.replace(DOC_RELAYS.get(0), first.address()).replace(DOC_RELAYS.get(1), second.address());
        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        nginx = Nginx.startHttp(nginxDir, port -> "add_header X-Upstream $upstream_addr always;\n"
                + http.replace(DOC_LISTEN, "listen 127.0.0.1:" + port + ";"));
        return URI.create("http://127.0.0.1:" + nginx.port + "/" + token + "/");
    }

    /** The relay that served a response, from nginx's X-Upstream header: the last address it tried. */
    RelayNode servedBy(String upstreamHeader) {
        assertTrue(upstreamHeader != null, "nginx named no upstream");
        String[] tried = upstreamHeader.split(",\\s*");
        String last = tried[tried.length - 1].trim();
        for (RelayNode r : relays) {
            if (r.address().equals(last)) {
                return r;
            }
        }
        return fail("no relay at " + last + " (X-Upstream: " + upstreamHeader + ")");
    }

    RelayNode other(RelayNode one) {
        return relays.stream().filter(r -> r != one).findFirst().orElseThrow();
    }

    @Override
    public void close() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        redis.close();
    }
}
