package org.ssewatch.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server (Debian's), started for a test on a free port with nothing saved to disk:
 * it can be killed, paused (SIGSTOP) and started again on the same port, as a server that fails.
 */
public final class RedisServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Path dir;
    private String password;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Skips the test, saying what to install, when there is no redis-server. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "skipped: no " + BINARY + " (apt-get install redis-server)");
    }

    /** A server not started yet, on a port that was free a moment ago. */
    public static RedisServer on(Path dir) throws IOException {
        assumeInstalled();
        try (ServerSocket s = new ServerSocket(0)) {
            return new RedisServer(s.getLocalPort(), dir);
        }
    }

    public static RedisServer started(Path dir) throws Exception {
        return on(dir).start();
    }

    /** From the next start on, clients must give this password (requirepass). */
    public RedisServer withPassword(String secret) {
        password = secret;
        return this;
    }

    public RedisServer start() throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Jedis j = client()) {
                j.ping();
                return this;
            } catch (RuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start: " + Files.readString(
                            dir.resolve("redis-" + port + ".log")), e);
                }
                Thread.sleep(20);
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public Jedis client() {
        Jedis j = new Jedis("127.0.0.1", port, 5000);
        if (password != null) {
            j.auth(password);
        }
        return j;
    }

    /** The raw entries of a stream, as {@link StreamGaps} reads them. */
    public List<Object> entries(String key) {
        try (Jedis j = client()) {
            return j.xrange(RedisKeys.bytes(key), "-".getBytes(), "+".getBytes());
        }
    }

    /** SIGKILL: everything it held is gone, as it was saving nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void pause() throws Exception {
        signal("STOP");
    }

    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }
}
