package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.web.BasicAuth;
import org.ssewatch.web.TestServer;

class BasicAuthTest {
    private static String header(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void credentialsSplitAtTheFirstColonSoPasswordsMayHoldColons() {
        BasicAuth a = BasicAuth.parse("alice:pa:ss");
        assertEquals("alice", a.user());
        assertEquals("pa:ss", a.password());
        for (String bad : new String[] {"alice", ":pw", "alice:", "al\tice:pw", "alice:p\nw"}) {
            assertThrows(IllegalArgumentException.class, () -> BasicAuth.parse(bad), bad);
        }
    }

    @Test
    void thePasswordNeverShowsInToString() {
        BasicAuth a = BasicAuth.parse("alice:hunter2");
        assertFalse(a.toString().contains("hunter2"));
        assertFalse(TestServer.loopback().withAuth(a).toString().contains("hunter2"));
    }

    @Test
    void aFileGivesTheFirstLineWithoutItsLineEnd(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("auth");
        Files.writeString(f, "alice:s3cret\r\nignored\n");
        assertEquals(new BasicAuth("alice", "s3cret"), BasicAuth.fromFile(f));
        Files.writeString(f, "no colon\n");
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.fromFile(f));
    }

    @Test
    void theGateAcceptsExactlyTheRightUserAndPasswordInUtf8() {
        BasicAuthGate gate = new BasicAuthGate(BasicAuth.parse("jürgen:pässword"), ex -> { });
        assertTrue(gate.authorized(header("jürgen:pässword")));
        assertTrue(gate.authorized("basic " + header("jürgen:pässword").substring(6)));
        for (String bad : new String[] {null, "", "Basic", "Basic ", "Bearer x", "Basic !!!", header("jürgen"),
                header("jürgen:pässwor"), header("jürgen:pässwordx"), header("jurgen:pässword"), header(":"),
                "Basic " + "A".repeat(10_000)}) {
            assertFalse(gate.authorized(bad), String.valueOf(bad));
        }
    }
}
