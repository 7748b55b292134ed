package org.ssewatch.cli;

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

/** Publishers and relays of the real jar around a real redis-server, each stopped after the test. */
abstract class RelayFixture extends JarFixture {
    private static final Pattern RUN_ID = Pattern.compile("as run (\\S+)");
    RedisServer redis;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
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
        Path urlFile = dir.resolve("relay-url-" + name);
        List<String> cmd = new ArrayList<>(ssewatch("relay", "--redis", redis.url(), "--bind", "127.0.0.1", "--url-file",
                urlFile.toString()));
        cmd.addAll(List.of(options));
        return awaitUrl(urlFile, start(cmd, dir.resolve("relay-err-" + name)));
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
}
