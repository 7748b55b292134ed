package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.TestChild;

/** The real jar, run as users and scripts run it: a separate process, real signals, real HTTP. */
class SsewatchIT extends JarFixture {
    @Test
    void theExitStatusIsTheCommandsOwn() throws Exception {
        assertEquals(0, watch("exit:0").status());
        assertEquals(42, watch("out:x\\n", "exit:42").status());
    }

    @Test
    void deathBySignalNIsStatus128PlusN() throws Exception {
        assertEquals(143, watch("self-kill:TERM", "sleep:5000").status());
        assertEquals(137, watch("self-kill:KILL", "sleep:5000").status());
    }

    @Test
    void aMissingCommandIs127AndAnUnrunnableOne126WithOneLineNamingIt() throws Exception {
        Result missing = run(ssewatch("--bind", "127.0.0.1", "--", "no-such-command-xyz"), new byte[0]);
        assertEquals(127, missing.status());
        assertTrue(missing.errText().contains("ssewatch: no-such-command-xyz: command not found\n"), missing.errText());
        assertFalse(missing.errText().contains("Exception"), missing.errText());

        Path script = Files.writeString(dir.resolve("notes.txt"), "echo hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Result denied = run(ssewatch("--bind", "127.0.0.1", "--", script.toString()), new byte[0]);
        assertEquals(126, denied.status());
        assertTrue(denied.errText().contains(script + ": permission denied"), denied.errText());
    }

    @Test
    void theTerminalGetsExactlyTheBytesTheCommandAloneWrites() throws Exception {
        String[] steps = {"hex:61ff0062", "out:\\r\\n10%\\r100%\\n", "err:warn\\0ing\\n", "hex:e282", "hex:ac0a",
            "out:no newline at the end"};
        Result alone = run(TestChild.command(steps), new byte[0]);
        Result watched = watch(steps);
        assertArrayEquals(alone.out(), watched.out());
        assertEquals(alone.errText(), withoutOwnLines(watched.errText()));
        assertEquals(alone.status(), watched.status());
    }

    @Test
    void standardInputPassesThroughToTheCommand() throws Exception {
        byte[] input = "hello\nworld\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Result r = run(with(ssewatch("--bind", "127.0.0.1", "--"), TestChild.command("stdin")), input);
        assertEquals(0, r.status());
        assertArrayEquals(input, r.out());
    }

    @Test
    void quietKeepsTheTerminalClearButViewersStillGetEverything() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--quiet", "--url-file", urlFile.toString(),
                "--linger", "forever", "--"), TestChild.command("out:one\\ntwo\\n", "sleep:300", "err:three\\n"))).start();
        // destroy() closes the pipes, so read them from the start
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            waitForExit(url);
            assertEquals("one\ntwo\nthree\n", get(url.resolve("log.txt")));
            p.destroy(); // SIGTERM while lingering: stop serving, exit with the command's status
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals(0, out.get().length);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void pipeModeRecordsStandardInputUntilItCloses() throws Exception {
        Path urlFile = dir.resolve("url");
        Process p = new ProcessBuilder(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "1h"))
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("make: entering\nmake: done\n".getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            waitForExit(url);
            String events = get(url.resolve("events"));
            assertTrue(events.contains("event: stdin\ndata: {\"line\":1,"), events);
            assertTrue(events.contains("\"text\":\"make: done\"}"), events);
            assertTrue(events.contains("\"reason\":\"eof\""), events);
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals("make: entering\nmake: done\n", new String(out.get(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theUrlIsPrintedWrittenToTheUrlFileAndServesTheRun() throws Exception {
        Path urlFile = dir.resolve("url");
        Result r = run(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--"),
                TestChild.command("out:hi\\n")), new byte[0]);
        URI url = URI.create(Files.readString(urlFile).trim());
        // The whole of stderr: Undertow's and XNIO's INFO logging (started, stopped) never shows.
        assertEquals("ssewatch: watching at " + url + "\n", r.errText());
        assertTrue(url.getPath().matches("/[A-Za-z0-9_-]{22,}/"), url.toString());
    }

    @Test
    void onTheNewestJavaInstalledTheTerminalShowsOnlySsewatchsOwnLines() throws Exception {
        Path java = Jdks.newestJava();
        org.junit.jupiter.api.Assumptions.assumeTrue(java != null && Jdks.feature(java) >= 24,
                "no Java 24 or newer under /usr/lib/jvm: skipping the check for its runtime warnings");
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--url-file", dir.resolve("url").toString(), "--");
        cmd.set(0, java.toString());
        Result r = run(with(cmd, List.of("echo", "ok")), new byte[0]);

        // Java 24+ warns on stderr about sun.misc.Unsafe and native access by libraries.
        assertEquals(0, r.status(), r.errText());
        assertEquals("ok\n", r.outText());
        assertEquals("ssewatch: watching at " + Files.readString(dir.resolve("url")), r.errText());
    }

    /**
     * Start-up stays clear of Java's annotation machinery (picocli's options are described through
     * its programmatic API) and of string concatenation through invokedynamic (javac's
     * -XDstringConcat=inline): each would generate classes at every start, ~40 and ~60 ms on 2 cores.
     */
    @Test
    void startingAndRunningACommandGeneratesNoProxyClasses() throws Exception {
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--linger", "0", "--", "true");
        cmd.add(1, "-Xlog:class+load=info");
        Result r = run(cmd, new byte[0]);

        assertEquals(0, r.status(), r.errText());
        assertTrue(r.outText().contains("org.ssewatch.cli.SsewatchCommand "), "the class-load log is there");
        List<String> proxies = r.outText().lines().filter(l -> l.contains("__dynamic_proxy__")).toList();
        assertEquals(List.of(), proxies);
        long spun = r.outText().lines().filter(l -> l.contains("LambdaForm$MH/")).count();
        assertTrue(spun < 30, spun + " method-handle classes spun (about 10 expected; 70 with indy string concatenation)");
    }

    /** ssewatch keeps the JVM from building the platform MBean server, but JMX asked for at launch still works. */
    @Test
    void jmxAskedForOnTheCommandLineStillServesTheJvmsMBeans() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> cmd = ssewatch("--bind", "127.0.0.1", "--quiet", "--", "sleep", "30");
        cmd.addAll(1, List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try (javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(url)) {
                    javax.management.MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                    assertTrue(mbeans.isRegistered(new javax.management.ObjectName("java.lang:type=Runtime")));
                    break;
                } catch (IOException e) {
                    assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "no JMX agent: " + e);
                    Thread.sleep(100);
                }
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void connectedViewersReceiveTheExitEventBeforeSsewatchStops() throws Exception {
        Path urlFile = dir.resolve("url");
        // The command ends when its stdin (ssewatch's) closes, which the test does once the viewer is connected.
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "0",
                "--"), TestChild.command("out:working\\n", "stdin", "exit:3"))).start();
        URI url = awaitUrl(urlFile, p);
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("events"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder stream = new StringBuilder();
        try (InputStream in = response.body()) {
            byte[] buf = new byte[4096];
            boolean closed = false;
            for (int n; (n = in.read(buf)) > 0; ) {
                stream.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (!closed && stream.indexOf("working") >= 0) {
                    p.getOutputStream().close();
                    closed = true;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue());
        assertTrue(stream.toString().contains("event: exit\ndata: {"), stream.toString());
        assertTrue(stream.toString().contains("\"code\":3"), stream.toString());
    }

    @Test
    void aPortInUseIsAOneLineErrorAndStatus125() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = run(ssewatch("--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()), "--", "true"),
                    new byte[0]);
            assertEquals(125, r.status());
            assertEquals("ssewatch: port " + taken.getLocalPort() + " is already in use on 127.0.0.1\n", r.errText());
        }
    }

    @Test
    void environmentVariablesConfigureTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(ssewatch("--", "true"));
        pb.environment().put("SSEWATCH_PORT", Integer.toString(port));
        pb.environment().put("SSEWATCH_BIND", "127.0.0.1");
        pb.environment().put("SSEWATCH_TOKEN", "TeamBuildLink-0123456789");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(err.startsWith("ssewatch: watching at http://127.0.0.1:" + port + "/TeamBuildLink-0123456789/\n"), err);
    }

    @Test
    void tlsAndBasicAuthOptionsReachTheServer() throws Exception {
        Path urlFile = dir.resolve("url");
        Path authFile = Files.writeString(dir.resolve("auth"), "ops:s3cret pass\n");
        Process p = new ProcessBuilder(with(ssewatch("--bind", "127.0.0.1", "--url-file", urlFile.toString(), "--linger", "1h",
                "--tls-self-signed", "--auth-file", authFile.toString(), "--"), TestChild.command("out:hi\\n"))).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            URI url = awaitUrl(urlFile, p);
            assertEquals("https", url.getScheme());
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            HttpClient tls = HttpClient.newBuilder().sslContext(trustAll).build();
            HttpRequest.Builder status = HttpRequest.newBuilder(url.resolve("api/status")).timeout(Duration.ofSeconds(30));
            assertEquals(401, tls.send(status.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            String basic = java.util.Base64.getEncoder().encodeToString("ops:s3cret pass".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> ok = tls.send(status.header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, ok.version());
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            String messages = new String(err.get(), StandardCharsets.UTF_8);
            assertTrue(messages.matches("(?s).*ssewatch: TLS certificate SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\n.*"), messages);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void onAllInterfacesThePrintedUrlNamesAnAddressTeammatesCanOpenNeverTheWildcard() throws Exception {
        // Only the printed text is checked: tests send traffic to loopback alone.
        Result r = run(ssewatch("--", "true"), new byte[0]);
        assertEquals(0, r.status());
        String first = r.errText().lines().filter(l -> l.startsWith("ssewatch: watching at ")).findFirst().orElseThrow();
        URI url = URI.create(first.substring("ssewatch: watching at ".length()));
        assertFalse(url.getHost().equals("0.0.0.0") || url.getHost().equals("[::]") || url.getHost().equals("[0:0:0:0:0:0:0:0]"),
                first);
        assertTrue(url.getPort() > 0, first);
    }
}
