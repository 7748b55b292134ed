package org.ssewatch.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in the foreground on a free loopback port, round-robin over the given upstreams,
 * configured for SSE through it as docs/PROTOCOL.md asks of a proxy (no buffering, a long read
 * timeout) and for many viewers: two workers, one per core, each with room for its share of the
 * viewers' connections and as many upstream ones. With {@code reuseport} the kernel spreads the
 * accepted connections over the workers. Each worker's fds are bounded by the process limit
 * ({@code ulimit -n}), which is why there are two: one worker could not hold 10,000 downstream and
 * 10,000 upstream sockets under a limit of 20,000.
 */
final class NginxProc implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    static final int WORKERS = 2;

    final int port;
    private final Process process;
    private final Path dir;

    private NginxProc(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    static NginxProc start(Path dir, List<Integer> upstreams, int viewers) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("the relay benchmark needs " + BINARY + " (apt-get install nginx)");
        }
        Files.createDirectories(dir);
        int port = RedisProc.freePort();
        // Per worker: its share of the viewers, as many upstream connections, and slack for an uneven spread.
        int perWorker = viewers + 1024;
        StringBuilder servers = new StringBuilder();
        for (int u : upstreams) {
            servers.append("    server 127.0.0.1:").append(u).append(";\n");
        }
        String conf = "daemon off;\nworker_processes " + WORKERS + ";\nworker_rlimit_nofile " + fdLimit() + ";\n"
                + "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + " warn;\n"
                + ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "events { worker_connections " + perWorker + "; }\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fcgi") + ";\n  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "  upstream relays {\n" + servers + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + port + " reuseport backlog=4096;\n"
                + "    location / {\n      proxy_pass http://relays;\n      proxy_http_version 1.1;\n"
                + "      proxy_set_header Connection \"\";\n      proxy_buffering off;\n      proxy_read_timeout 1h;\n    }\n"
                + "  }\n}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", confFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        NginxProc nginx = new NginxProc(port, p, dir);
        try {
            nginx.awaitListening();
        } catch (Exception e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    /** The worker processes (the master's children), for their CPU. */
    List<Long> workers() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String list = Files.readString(Path.of("/proc/" + process.pid() + "/task/" + process.pid() + "/children")).trim();
            List<Long> pids = list.isEmpty() ? List.of() : Arrays.stream(list.split(" ")).map(Long::valueOf).toList();
            if (pids.size() >= WORKERS || System.nanoTime() > deadline) {
                return new ArrayList<>(pids);
            }
            Thread.sleep(20);
        }
    }

    String errorLogTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("error.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("stdout.log"))
                            + errorLogTail());
                }
                Thread.sleep(50);
            }
        }
    }

    /** This process's open-files limit, which nginx inherits and may not exceed without privileges. */
    private static long fdLimit() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max open files")) {
                return Long.parseLong(l.substring(26).trim().split("\\s+")[1]);
            }
        }
        return 1024;
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
    }
}
