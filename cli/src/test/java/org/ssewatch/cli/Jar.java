package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The built jar as a separate process, for the tests of saving and showing runs. */
final class Jar {
    private static final Path JAR = Path.of("target/ssewatch.jar").toAbsolutePath();

    private Jar() {
    }

    record Result(int status, String out, String err) {
    }

    static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static List<String> command(List<String> jvm, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC"));
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(args);
        return cmd;
    }

    static Process start(List<String> args) throws IOException {
        return new ProcessBuilder(command(List.of(), args)).start();
    }

    /** Runs ssewatch to its end with no input. */
    static Result run(List<String> args) throws Exception {
        Process p = new ProcessBuilder(command(List.of(), args)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "still running: " + args);
        return new Result(p.exitValue(), out.get(), err.get());
    }

    static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static URI awaitUrl(Path urlFile, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(urlFile)) {
            assertTrue(p.isAlive(), "ssewatch exited early with " + (p.isAlive() ? "" : p.exitValue()));
            assertTrue(System.currentTimeMillis() < deadline, "no URL written");
            Thread.sleep(20);
        }
        return URI.create(Files.readString(urlFile).trim());
    }

    static Shown show(Path dir, Path urlFile) throws Exception {
        return show(List.of(), List.of(), dir, urlFile);
    }

    /**
     * {@code ssewatch show [OPTIONS] DIR} in a JVM with {@code jvm}'s options, served until closed,
     * which stops it as Ctrl-C would (SIGTERM).
     */
    static Shown show(List<String> jvm, List<String> options, Path dir, Path urlFile) throws Exception {
        List<String> args = new ArrayList<>(List.of("show", "--bind", "127.0.0.1", "--url-file", urlFile.toString()));
        args.addAll(options);
        args.add(dir.toString());
        Process p = new ProcessBuilder(command(jvm, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        try {
            return new Shown(p, awaitUrl(urlFile, p), err);
        } catch (Throwable e) {
            p.destroyForcibly();
            throw new AssertionError("show did not start: " + err.get(), e);
        }
    }

    static final class Shown implements AutoCloseable {
        private final Process process;
        private final URI url;
        private final CompletableFuture<String> err;
        private String stderr;

        Shown(Process process, URI url, CompletableFuture<String> err) {
            this.process = process;
            this.url = url;
            this.err = err;
        }

        URI url() {
            return url;
        }

        /** What show said so far, up to the URL; all of it once closed. */
        String stderr() throws Exception {
            if (stderr == null) {
                close();
            }
            return stderr;
        }

        @Override
        public void close() throws Exception {
            if (stderr != null) {
                return;
            }
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "show did not stop on SIGTERM");
            assertEquals(0, process.exitValue(), "show's status after SIGTERM");
            stderr = err.get();
        }
    }
}
