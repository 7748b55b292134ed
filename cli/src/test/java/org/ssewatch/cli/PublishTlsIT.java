package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.RedisServer;
import org.ssewatch.share.TestChild;

/**
 * rediss:// against a real redis-server serving TLS: published when the certificate is trusted
 * and names the host, refused (and said) when it names another host.
 */
class PublishTlsIT extends JarFixture {
    private Process redis;

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroyForcibly().waitFor();
        }
    }

    @Test
    void overTlsWithATrustedCertificateForTheHostTheRunIsPublished() throws Exception {
        int port = tlsRedis("subjectAltName=IP:127.0.0.1");
        Result r = publish(port);
        assertEquals(0, r.status(), r.errText());
        assertFalse(r.errText().contains("behind"), r.errText());
        assertTrue(redisCli(port, "--scan").contains(":events"), "the run's stream is in Redis");
    }

    @Test
    void aCertificateThatNamesAnotherHostIsRefusedAndNothingIsPublished() throws Exception {
        int port = tlsRedis("subjectAltName=DNS:other.example");
        Result r = publish(port);
        assertEquals(0, r.status(), "the command's status all the same: " + r.errText());
        assertTrue(r.errText().contains("is behind"), r.errText());
        assertTrue(r.errText().contains("could not be published"), r.errText());
        assertEquals("", redisCli(port, "--scan").strip(), "nothing reached Redis");
    }

    private Result publish(int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"),
                "-Djavax.net.ssl.trustStorePassword=changeit", "-jar", JAR.toString(),
                "--bind", "127.0.0.1", "--linger", "0", "--publish", "rediss://127.0.0.1:" + port + "/0", "--"));
        cmd.addAll(TestChild.command("out:over tls\\n", "exit:0"));
        return run(cmd, new byte[0]);
    }

    /** A redis-server that speaks only TLS, with a new self-signed certificate that the jar is given to trust. */
    private int tlsRedis(String names) throws Exception {
        RedisServer.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "skipped: no openssl (apt-get install openssl)");
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString(), "-days", "1", "-subj", "/CN=redis test", "-addext", names);
        exec("keytool", "-importcert", "-noprompt", "-file", dir.resolve("cert.pem").toString(), "-alias", "redis",
                "-keystore", dir.resolve("trust.p12").toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        redis = new ProcessBuilder("/usr/bin/redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        while (!redisCli(port, "ping").contains("PONG")) {
            assertTrue(redis.isAlive(), () -> "redis-server did not start: " + read(dir.resolve("redis.log")));
            Thread.sleep(50); // bounded by the class's timeout
        }
        return port;
    }

    private String redisCli(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--tls", "--insecure", "-h", "127.0.0.1",
                "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return new String(out, StandardCharsets.UTF_8);
    }

    private void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + new String(out, StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
