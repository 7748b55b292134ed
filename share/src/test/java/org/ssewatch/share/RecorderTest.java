package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines the decoder passes on as bytes: numbered, flagged and encoded as the decoded ones are. */
class RecorderTest {
    private final Journal journal = new Journal(JournalConfig.inMemory(100));
    private final Recorder recorder = new Recorder(journal);

    private List<JsonObject> lines() {
        List<JsonObject> out = new ArrayList<>();
        journal.read(0, 100, Long.MAX_VALUE, e -> out.add(JsonParser.parseString(e.payloadJson()).getAsJsonObject()));
        return out;
    }

    private static void bytes(Recorder.StreamLines stream, String text, boolean cont) {
        byte[] b = ("<<" + text + ">>").getBytes(StandardCharsets.UTF_8);
        stream.line(b, 2, b.length - 4, cont);
    }

    @Test
    void linesPassedAsBytesShareTheNumberingOfTheRunWithDecodedOnes() {
        Recorder.StreamLines out = recorder.lines(EventTypes.STDOUT);
        Recorder.StreamLines err = recorder.lines(EventTypes.STDERR);
        bytes(out, "one \"quoted\" \u001b[1mbold\u001b[0m é", false);
        err.line("two", true, false);
        err.line("two, finished", false, false);
        bytes(out, "three, continued", true);
        List<JsonObject> lines = lines();
        assertEquals(List.of(1L, 2L, 2L, 3L), lines.stream().map(l -> l.get("line").getAsLong()).toList());
        assertEquals("one \"quoted\" \u001b[1mbold\u001b[0m é", lines.get(0).get("text").getAsString());
        assertTrue(lines.get(3).get("cont").getAsBoolean());
        assertEquals(1, recorder.lineCount(EventTypes.STDOUT), "a continuation is not a new line");
        assertEquals(1, recorder.lineCount(EventTypes.STDERR));
    }

    @Test
    void bytesThatAreNotUtf8AreDecodedWithReplacementCharacters() {
        byte[] b = {'o', 'k', ' ', (byte) 0xff, ' ', (byte) 0xc3};
        recorder.lines(EventTypes.STDOUT).line(b, 0, b.length, false);
        assertEquals("ok \ufffd \ufffd", lines().get(0).get("text").getAsString());
    }

    @Test
    void afterTheExitEventLinesAreIgnored() {
        Recorder.StreamLines out = recorder.lines(EventTypes.STDOUT);
        recorder.exit(ExitStatus.fromProcess(0));
        bytes(out, "from a background process", false);
        assertEquals(1, journal.lastId());
    }
}
