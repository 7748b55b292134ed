package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExitReasonTest {
    @Test
    void eachWayOfEndingCarriesItsReasonAndStatus() {
        assertEquals(new ExitStatus(3, 3, null, ExitReason.EXITED, null), ExitStatus.fromProcess(3));
        assertEquals(new ExitStatus(143, null, "SIGTERM", ExitReason.SIGNALED, null), ExitStatus.fromProcess(143));
        assertEquals(new ExitStatus(127, null, null, ExitReason.NOT_FOUND, "mkae: command not found"),
                ExitStatus.notFound("mkae"));
        assertEquals(new ExitStatus(126, null, null, ExitReason.NOT_EXECUTABLE, "./x: permission denied"),
                ExitStatus.notExecutable("./x"));
        assertEquals(new ExitStatus(125, null, null, ExitReason.FAILED, "x: no"), ExitStatus.failed("x: no"));
        assertEquals(new ExitStatus(0, 0, null, ExitReason.EOF, null), ExitStatus.endOfInput());
    }

    @Test
    void theReasonOnTheWireIsTheReasonsWireName() {
        assertEquals("exited", ExitStatus.fromProcess(0).reason());
        assertEquals("signaled", ExitStatus.fromProcess(130).reason());
        assertEquals("not-found", ExitStatus.notFound("x").reason());
        assertEquals("not-executable", ExitStatus.notExecutable("x").reason());
        assertEquals("failed", ExitStatus.failed("x").reason());
        assertEquals("eof", ExitStatus.endOfInput().reason());
    }

    @Test
    void theCommandsOwnStatusAndASignalsAreNotFixed() {
        assertEquals("N", ExitReason.EXITED.statusLabel());
        assertEquals("128+N", ExitReason.SIGNALED.statusLabel());
        assertThrows(IllegalStateException.class, ExitReason.EXITED::status);
        assertEquals("127", ExitReason.NOT_FOUND.statusLabel());
    }

    /** PROTOCOL.md lists the reasons for client authors, with the fixed statuses in parentheses. */
    @Test
    void theProtocolNamesEveryReasonAndItsFixedStatus() throws IOException {
        String protocol = Files.readString(Path.of("..", "docs", "PROTOCOL.md"), StandardCharsets.UTF_8);
        int start = protocol.indexOf("`reason` is one of");
        String paragraph = protocol.substring(start, protocol.indexOf("\n\n", start));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("`([a-z-]+)`(?: \\((\\d+)\\))?").matcher(paragraph.replace('\n', ' '));
        while (m.find()) {
            if (!m.group(1).equals("reason") && !m.group(1).equals("signal")) {
                documented.put(m.group(1), m.group(2));
            }
        }
        assertEquals(Arrays.stream(ExitReason.values()).map(ExitReason::wireName).toList(),
                List.copyOf(documented.keySet()));
        for (ExitReason reason : ExitReason.values()) {
            String status = documented.get(reason.wireName());
            if (status != null) {
                assertEquals(reason.statusLabel(), status, reason.wireName());
            }
        }
    }
}
