package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payloads' bytes, which every client parses: pinned here, and the status held to what it was. */
class PayloadsTest {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /**
     * What StatusEndpoint wrote, with a Gson tree, before every payload had one owner: the
     * reference the streamed status must match byte for byte.
     */
    private static String statusAsATree(Recorder recorder, int viewers) {
        JsonObject o = new JsonObject();
        StartInfo start = recorder.startInfo();
        ExitStatus exit = recorder.exitStatus();
        o.addProperty("state", start == null ? "starting" : exit == null ? "running" : "exited");
        JsonArray command = new JsonArray();
        if (start != null) {
            start.command().forEach(command::add);
        }
        o.add("command", command);
        o.addProperty("title", start == null ? null : start.title());
        o.addProperty("cwd", start == null ? null : start.cwd());
        o.addProperty("host", start == null ? null : start.host());
        o.addProperty("pid", start == null ? null : start.pid());
        o.addProperty("mode", start == null ? null : start.mode());
        o.addProperty("started", recorder.startedAt() == 0 ? null : recorder.startedAt());
        o.addProperty("ended", recorder.endedAt() == 0 ? null : recorder.endedAt());
        if (exit == null) {
            o.add("exit", null);
        } else {
            JsonObject e = new JsonObject();
            e.addProperty("status", exit.status());
            e.addProperty("code", exit.code());
            e.addProperty("signal", exit.signal());
            e.addProperty("reason", exit.reason());
            e.addProperty("message", exit.message());
            e.addProperty("duration", recorder.endedAt() - recorder.startedAt());
            o.add("exit", e);
        }
        o.addProperty("lastId", recorder.journal().lastId());
        JsonObject lines = new JsonObject();
        for (String type : new String[] {EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDIN}) {
            lines.addProperty(type, recorder.lineCount(type));
        }
        o.add("lines", lines);
        o.addProperty("viewers", viewers);
        return GSON.toJson(o);
    }

    private static void assertStatusAsBefore(Recorder recorder, int viewers) {
        assertEquals(statusAsATree(recorder, viewers), new String(Payloads.status(recorder, viewers), StandardCharsets.UTF_8));
    }

    @Test
    void theStatusIsByteForByteWhatTheGsonTreeWroteAtEveryStageOfARun() {
        try (Journal journal = new Journal(JournalConfig.inMemory(100))) {
            Recorder recorder = new Recorder(journal);
            assertStatusAsBefore(recorder, 0);
            recorder.start(new StartInfo(List.of("sh", "-c", "echo \"hi\" </b> \u2028 é\u0000\u001b[1m"), "/tmp/a\\b", "höst",
                    4242L, "Nightly \"export\" <script>", true));
            assertStatusAsBefore(recorder, 3);
            recorder.lines(EventTypes.STDOUT).line("one");
            recorder.lines(EventTypes.STDERR).line("two", true, false);
            recorder.lines(EventTypes.STDIN).line("three");
            assertStatusAsBefore(recorder, 256);
            recorder.exit(ExitStatus.fromProcess(143));
            assertStatusAsBefore(recorder, 1);
        }
    }

    @Test
    void theStatusOfAPipeThatFailedWithoutStartingKeepsEveryNull() {
        try (Journal journal = new Journal(JournalConfig.inMemory(100))) {
            Recorder recorder = new Recorder(journal);
            recorder.exit(ExitStatus.failed("cannot read \"stdin\""));
            assertStatusAsBefore(recorder, 0);
        }
        try (Journal journal = new Journal(JournalConfig.inMemory(100))) {
            Recorder recorder = new Recorder(journal);
            recorder.start(new StartInfo(List.of(), "/", "h", null, null, false));
            recorder.exit(ExitStatus.endOfInput());
            assertStatusAsBefore(recorder, 0);
        }
    }

    @Test
    void startExitAndGapPayloadsNameTheirFieldsInTheProtocolsOrder() {
        Payloads p = new Payloads();
        assertEquals("{\"time\":17,\"command\":[\"make\",\"all\"],\"cwd\":\"/src\",\"host\":\"h\",\"pid\":42,\"title\":null,"
                + "\"mode\":\"command\",\"pty\":false}",
                text(p.start(17, new StartInfo(List.of("make", "all"), "/src", "h", 42L, null, false))));
        assertEquals("{\"time\":20,\"code\":null,\"signal\":\"SIGTERM\",\"status\":143,\"duration\":3,\"reason\":\"signaled\","
                + "\"message\":null}", text(p.exit(20, 3, ExitStatus.fromProcess(143))));
        assertEquals("{\"from\":5,\"to\":9}", text(Payloads.gap(5, 9)));
    }

    @Test
    void aLineThatIsNotUtf8IsWrittenAsDecodedWithReplacementCharacters() {
        Payloads p = new Payloads();
        byte[] bad = {'a', (byte) 0xff, 'b'};
        assertEquals(text(p.line(3, 9, "a\ufffdb", false, true)), text(p.line(3, 9, bad, 0, 3, true)));
        assertEquals("{\"line\":3,\"time\":9,\"text\":\"ab\",\"cont\":true}", text(p.line(3, 9, new byte[] {'a', 'b'}, 0, 2, true)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
