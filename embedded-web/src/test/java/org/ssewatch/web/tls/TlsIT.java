package org.ssewatch.web.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.Fingerprints;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.TestServer;
import org.ssewatch.web.TlsConfig;
import org.ssewatch.web.Tokens;
import org.ssewatch.web.access.ExpectedHeaders;

@Timeout(60)
class TlsIT {
    private static TestServer startTls(ServerConfig config) throws Exception {
        return TestServer.start(config);
    }

    @Test
    void aSelfSignedServerSpeaksHttp2AndStreamsToAClientTrustingExactlyThePrintedFingerprint() throws Exception {
        try (TestServer s = startTls(TestServer.loopback().withToken(Tokens.generate()).withTls(TlsConfig.ephemeral())).started()) {
            String fp = s.server.certificateFingerprint();
            assertTrue(fp.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp);
            assertEquals("https", s.server.baseUrl().getScheme());
            HttpResponse<String> status = s.get("api/status");
            assertEquals(200, status.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, status.version());
            assertEquals(ExpectedHeaders.CSP, status.headers().firstValue("content-security-policy").orElse(null));

            HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals("text/event-stream", r.headers().firstValue("content-type").orElse(""));
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                assertTrue(s.printAndAwait(in, "over h2 " + i) < 2000, "an event took over 2 s");
            }
            s.exit(0);
            List<String> rest = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                rest.add(line);
            }
            assertTrue(rest.contains("event: exit"), rest.toString());
        }
    }

    @Test
    void moreStreamsThanHttp11AllowsPerHostShareOneConnection() throws Exception {
        try (TestServer s = startTls(TestServer.loopback().withTls(TlsConfig.ephemeral())).started()) {
            List<BufferedReader> streams = new ArrayList<>();
            for (int i = 0; i < 12; i++) { // browsers stop at 6 HTTP/1.1 connections per host
                HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(s.url("events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                streams.add(new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)));
            }
            assertEquals(12, s.server.handler().viewerCount());
            s.recorder.lines("stdout").line("to every tab");
            for (BufferedReader in : streams) {
                String line;
                while ((line = in.readLine()) != null && !line.contains("to every tab")) {
                    // earlier frames
                }
                assertTrue(line != null);
            }
            s.exit(0);
        }
    }

    @Test
    void aClientPinningAnotherCertificateIsRefused() throws Exception {
        try (TestServer a = TestServer.start(TestServer.loopback().withTls(TlsConfig.ephemeral()));
                TestServer b = TestServer.start(TestServer.loopback().withTls(TlsConfig.ephemeral()))) {
            HttpClient trustsB = TestServer.client(b.server.certificateFingerprint());
            assertThrows(SSLHandshakeException.class, () -> trustsB.send(
                    HttpRequest.newBuilder(a.url("api/status")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void pemCertificateAndPkcs8KeyWorkForRsaAndEc(@TempDir Path dir) throws Exception {
        for (String alg : List.of("RSA", "EC")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(alg.equals("RSA") ? 2048 : 256);
            KeyPair keys = g.generateKeyPair();
            X509Certificate cert = SelfSignedCertificate.create(keys, List.of("127.0.0.1"), 30);
            Path certFile = dir.resolve(alg + ".crt");
            Path keyFile = dir.resolve(alg + ".key");
            Files.writeString(certFile, "subject=CN=ssewatch\n" + pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            try (TestServer s = startTls(TestServer.loopback().withTls(TlsConfig.pem(certFile, keyFile)))) {
                assertEquals(TlsIdentity.fingerprint(cert), s.server.certificateFingerprint(), alg);
                HttpResponse<String> r = s.get("api/status");
                assertEquals(200, r.statusCode(), alg);
                assertEquals(HttpClient.Version.HTTP_2, r.version(), alg);
            }
        }
    }

    /** CBC suites (SHA-1 or SHA-2 MACs) must not be negotiable; the AEAD ones, and TLS 1.3, must work. */
    @Test
    void overTls12OnlyAeadSuitesWithForwardSecrecyAreAcceptedForEcAndRsaKeys(@TempDir Path dir) throws Exception {
        for (String alg : List.of("EC", "RSA")) {
            TlsConfig tls = alg.equals("EC") ? TlsConfig.ephemeral() : pemFiles(dir, alg);
            try (TestServer s = startTls(TestServer.loopback().withTls(tls))) {
                String kx = alg.equals("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA";
                for (String cbc : List.of("AES_128_CBC_SHA", "AES_256_CBC_SHA", "AES_128_CBC_SHA256", "AES_256_CBC_SHA384")) {
                    String suite = "TLS_" + kx + "_WITH_" + cbc;
                    assertThrows(SSLHandshakeException.class, () -> handshake(s, "TLSv1.2", suite), suite + " was accepted");
                }
                if (alg.equals("RSA")) {
                    for (String staticRsa : List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA")) {
                        assertThrows(SSLHandshakeException.class, () -> handshake(s, "TLSv1.2", staticRsa),
                                staticRsa + " (no forward secrecy) was accepted");
                    }
                }
                for (String aead : List.of("AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256")) {
                    String suite = "TLS_" + kx + "_WITH_" + aead;
                    assertEquals(suite, handshake(s, "TLSv1.2", suite), alg);
                }
                for (String tls13 : List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")) {
                    assertEquals(tls13, handshake(s, "TLSv1.3", tls13), alg);
                }
            }
        }
    }

    /** The same through another TLS implementation, where one is installed. */
    @Test
    void opensslCannotNegotiateACbcSuiteButCanAnAeadOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed: skipped");
        try (TestServer s = startTls(TestServer.loopback().withTls(TlsConfig.ephemeral()))) {
            String cbc = openssl(s, "ECDHE-ECDSA-AES128-SHA");
            assertTrue(!cbc.contains("Cipher is ECDHE-ECDSA-AES128-SHA") && cbc.contains("exit 1"), cbc);
            String aead = openssl(s, "ECDHE-ECDSA-AES128-GCM-SHA256");
            assertTrue(aead.contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256") && aead.contains("exit 0"), aead);
        }
    }

    /** Handshakes with only {@code suite} enabled; returns the suite negotiated. */
    private static String handshake(TestServer s, String protocol, String suite) throws Exception {
        SSLContext ctx = Fingerprints.trusting(s.server.certificateFingerprint());
        try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.server.port())) {
            sock.setSoTimeout(20_000);
            sock.setEnabledProtocols(new String[] {protocol});
            sock.setEnabledCipherSuites(new String[] {suite});
            sock.startHandshake();
            return sock.getSession().getCipherSuite();
        }
    }

    /** openssl s_client over TLS 1.2 with only {@code cipher}: its output and "exit N". */
    private static String openssl(TestServer s, String cipher) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + s.server.port(), "-tls1_2",
                "-cipher", cipher).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        return out + "\nexit " + p.exitValue();
    }

    private static TlsConfig pemFiles(Path dir, String alg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
        g.initialize(alg.equals("RSA") ? 2048 : 256);
        KeyPair keys = g.generateKeyPair();
        Path certFile = dir.resolve(alg + "-only.crt");
        Path keyFile = dir.resolve(alg + "-only.key");
        Files.writeString(certFile, pem("CERTIFICATE", SelfSignedCertificate.create(keys, List.of("127.0.0.1"), 30).getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return TlsConfig.pem(certFile, keyFile);
    }

    @Test
    void badKeyFilesFailAtStartWithAClearMessage(@TempDir Path dir) throws Exception {
        KeyPair one = SelfSignedCertificate.newKeyPair();
        KeyPair other = SelfSignedCertificate.newKeyPair();
        Path cert = dir.resolve("c.pem");
        Path key = dir.resolve("k.pem");
        Files.writeString(cert, pem("CERTIFICATE", SelfSignedCertificate.create(one, List.of(), 1).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", other.getPrivate().getEncoded()));
        assertStartFails(TlsConfig.pem(cert, key), "is not the key of the certificate");
        Files.writeString(key, pem("EC PRIVATE KEY", new byte[32]));
        assertStartFails(TlsConfig.pem(cert, key), "openssl pkcs8 -topk8 -nocrypt");
        Files.writeString(key, pem("PRIVATE KEY", one.getPrivate().getEncoded()));
        assertStartFails(TlsConfig.pem(dir.resolve("missing.pem"), key), "missing.pem");
        Files.writeString(dir.resolve("garbage.pem"), "hello\n");
        assertStartFails(TlsConfig.pem(dir.resolve("garbage.pem"), key), "garbage.pem");
    }

    private static void assertStartFails(TlsConfig tls, String expected) {
        ServerStartException e = assertThrows(ServerStartException.class, () -> new TestServer(JournalConfig.inMemory(100),
                TestServer.loopback().withTls(tls)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
