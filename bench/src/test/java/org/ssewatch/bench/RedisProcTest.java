package org.ssewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisProcTest {
    @TempDir
    Path dir;

    @Test
    void commandStatsCountsEachCommandSentAndLeavesOutItsOwnInfo() throws Exception {
        assumeTrue(Files.isExecutable(RedisProc.BINARY), "no redis-server: skipping (apt-get install redis-server)");
        try (RedisProc redis = RedisProc.start(dir)) {
            Map<String, Long> before = redis.commandStats();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), redis.port)) {
                OutputStream out = s.getOutputStream();
                out.write("SET k v\r\nPING\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.getInputStream().readNBytes("+OK\r\n+PONG\r\n+PONG\r\n".length());
            }
            Map<String, Long> after = redis.commandStats();
            assertEquals(2, after.get("ping") - before.getOrDefault("ping", 0L));
            assertEquals(1, after.get("set") - before.getOrDefault("set", 0L));
            assertFalse(after.containsKey("info"), "the benchmark's own INFO is not the run's: " + after);
        }
    }
}
