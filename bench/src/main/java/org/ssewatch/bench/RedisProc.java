package org.ssewatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server on a free loopback port, with no persistence, for the relay benchmark;
 * and its per-command call counts ({@code INFO commandstats}) over a plain socket, so that the
 * bench needs no Redis client.
 */
final class RedisProc implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/redis-server");

    final int port;
    final Process process;

    private RedisProc(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static RedisProc start(Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("the relay benchmark needs " + BINARY + " (apt-get install redis-server)");
        }
        int port = freePort();
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--maxclients", "1000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisProc r = new RedisProc(port, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                r.commandStats();
                return r;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    r.close();
                    throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /**
     * Calls per command since start, from {@code INFO commandstats}, without {@code info} itself
     * (this benchmark's own; nothing else sends it).
     */
    Map<String, Long> commandStats() throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : command("INFO commandstats").split("\r\n")) {
            // cmdstat_xread:calls=12,usec=...
            if (line.startsWith("cmdstat_")) {
                String name = line.substring(8, line.indexOf(':'));
                int from = line.indexOf("calls=") + 6;
                long n = Long.parseLong(line.substring(from, line.indexOf(',', from)));
                if (!name.equals("info")) {
                    calls.put(name, n);
                }
            }
        }
        return calls;
    }

    /** One inline command; its answer, which must be a bulk string. */
    private String command(String inline) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("redis closed the connection");
                }
                head.append((char) c);
            }
            if (head.charAt(0) != '$') {
                throw new IOException("redis answered " + head.toString().trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(head.substring(1).trim()));
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
    }
}
