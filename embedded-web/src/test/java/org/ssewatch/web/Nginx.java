package org.ssewatch.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real nginx on a free loopback port, run in the foreground from a temporary directory, with one
 * worker (so that its round robin over an upstream's servers is one sequence, as the relay tests need).
 */
public final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");

    public final int port;
    private final Process process;

    private Nginx(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static void assumeAvailable() {
        assumeTrue(Files.isExecutable(BINARY), "nginx is not installed at " + BINARY
                + ": skipping the reverse-proxy test (install it with `apt-get install nginx`)");
    }

    /** Starts nginx with {@code serverBody} inside a {@code server} block that listens on a free loopback port. */
    static Nginx start(Path dir, String serverBody) throws Exception {
        return startHttp(dir, port -> "  server {\n    listen 127.0.0.1:" + port + ";\n" + serverBody + "\n  }\n");
    }

    /**
     * Starts nginx with {@code http.apply(port)} inside its {@code http} block (upstreams, and a
     * {@code server} that must listen on {@code 127.0.0.1:port}, a free loopback port).
     */
    public static Nginx startHttp(Path dir, IntFunction<String> http) throws Exception {
        assumeAvailable();
        int port = freePort();
        String conf = "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "events { worker_connections 64; }\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fcgi") + ";\n  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n" + http.apply(port) + "}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", confFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(port, p);
        try {
            nginx.awaitListening(dir);
        } catch (Exception | AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    private void awaitListening(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("stdout.log")) + log);
                }
                Thread.sleep(50);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
