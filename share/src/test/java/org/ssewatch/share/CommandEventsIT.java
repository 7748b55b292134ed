package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed events a real command writes to SSEWATCH_EVENTS, through the real CommandRunner. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandEventsIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Where the command's output is echoed: a terminal that takes its time, as a remote one over a slow link. */
    private java.io.OutputStream echo = out;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    private List<Event> run(String script, RunConfig base) {
        RunConfig config = new RunConfig(List.of("bash", "-c", script), Path.of("").toAbsolutePath(), Map.of(), false,
                Duration.ofSeconds(2), 65536, true, null, false, true, base.masks(), base.maskEnv());
        Journal journal = new Journal(JournalConfig.inMemory(100_000));
        ExitStatus status = new CommandRunner(config, new Recorder(journal), echo, echo, notices::add).run();
        assertEquals(0, status.status(), out.toString(StandardCharsets.UTF_8));
        List<Event> events = new ArrayList<>();
        journal.read(0, 100_000, Long.MAX_VALUE, events::add);
        return events;
    }

    private List<Event> run(String script) {
        return run(script, RunConfig.of(List.of("true")));
    }

    private static JsonObject json(Event e) {
        return JsonParser.parseString(e.payloadJson()).getAsJsonObject();
    }

    private static List<Event> ofType(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /**
     * The echo to a slow terminal holds the output reader up, so the event reader is ahead of it:
     * only waiting for the output already in the pipes keeps each event after its line.
     */
    @Test
    void eachLineWrittenToTheFifoIsAnEventOfItsTypeAfterTheLinesPrintedBeforeIt() {
        echo = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(b, off, len);
            }
        };
        List<Event> events = run("for i in $(seq 1 300); do echo \"line $i\"; "
                + "printf '{\"type\":\"step\",\"data\":{\"i\":%d}}\\n' $i > \"$SSEWATCH_EVENTS\"; done");
        List<Event> steps = ofType(events, "step");
        assertEquals(300, steps.size());
        long lastLineId = 0;
        for (int i = 0; i < 300; i++) {
            assertEquals(i + 1, json(steps.get(i)).get("i").getAsInt(), "in the order written");
            int n = i + 1;
            long lineId = events.stream().filter(e -> e.type().equals("stdout") && json(e).get("text").getAsString()
                    .equals("line " + n)).findFirst().orElseThrow().id();
            assertTrue(lineId < steps.get(i).id(), "step " + n + " (id " + steps.get(i).id() + ") after line " + n
                    + " (id " + lineId + ")");
            assertTrue(lineId > lastLineId);
            lastLineId = lineId;
        }
        assertEquals("exit", events.get(events.size() - 1).type());
        assertEquals(List.of(), notices);
    }

    @Test
    void concurrentWritersLinesNeverInterleaveUpToTheCapOfPipeBuf() {
        String big = "x".repeat(CommandEvent.MAX_LINE_BYTES - "{\"type\":\"w1\",\"data\":{\"s\":\"\"}}\n".length());
        List<Event> events = run("for w in 1 2 3 4; do (for i in $(seq 1 200); do "
                + "printf '{\"type\":\"w%d\",\"data\":{\"s\":\"%s\"}}\\n' $w " + big + " > \"$SSEWATCH_EVENTS\"; done) & done; wait");
        for (int w = 1; w <= 4; w++) {
            List<Event> mine = ofType(events, "w" + w);
            assertEquals(200, mine.size(), "writer " + w + ": " + notices);
            mine.forEach(e -> assertEquals(big, json(e).get("s").getAsString()));
        }
        assertEquals(List.of(), notices);
    }

    @Test
    void theFifoIsInADirectoryOnlyTheUserMayEnterAndBothAreGoneWhenTheRunEnds() throws Exception {
        run("stat -c '%F %a' \"$SSEWATCH_EVENTS\" \"${SSEWATCH_EVENTS%/*}\"; echo \"$SSEWATCH_EVENTS\"");
        List<String> said = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("fifo 600", said.get(0));
        assertEquals("directory 700", said.get(1));
        Path fifo = Path.of(said.get(2));
        assertFalse(Files.exists(fifo), fifo + " is left");
        assertFalse(Files.exists(fifo.getParent()), fifo.getParent() + " is left");
    }

    @Test
    void eachKindOfBadLineIsOneNoticeAndAnErrorAnnotationAndTheRunGoesOn() {
        String over = "{\"type\":\"t\",\"data\":{\"s\":\"" + "y".repeat(5000) + "\"}}";
        List<Event> events = run("w() { printf '%s\\n' \"$1\" > \"$SSEWATCH_EVENTS\"; }; "
                + "w 'not json'; w '{\"type\":\"exit\",\"data\":{}}'; w '" + over + "'; w '{\"type\":\"progress\",\"data\":{\"done\":1}}'; "
                + "w '{\"type\":\"t\",\"data\":[]}'; w '{\"type\":\"ok\",\"data\":{}}'; echo done");
        List<String> expected = List.of(
                "the line is not valid JSON: malformed JSON at line 1 column 1 path $",
                "\"exit\" is a type ssewatch writes itself",
                "a line is over the cap of 4096 bytes with its newline",
                "progress needs \"total\"",
                "\"data\" must be a JSON object, not an array");
        assertEquals(expected.stream().map(r -> "refused an event from the command: " + r).toList(), notices);
        List<String> annotations = ofType(events, "annotation").stream().map(e -> {
            JsonObject j = json(e);
            assertEquals("error", j.get("level").getAsString());
            assertEquals("SSEWATCH_EVENTS", j.get("title").getAsString());
            return j.get("message").getAsString();
        }).toList();
        assertEquals(expected.stream().map(r -> "ssewatch refused an event: " + r).toList(), annotations);
        assertEquals(1, ofType(events, "ok").size(), "a good event after the bad ones");
        assertEquals(0, ofType(events, "exit").stream().filter(e -> json(e).has("type")).count());
    }

    @Test
    void aFloodOfBadLinesSaysTheFirstFewThenACountAndEveryOneIsAnAnnotation() {
        List<Event> events = run("for i in $(seq 1 2000); do echo '{oops' ; done > \"$SSEWATCH_EVENTS\"; "
                + "printf '{\"type\":\"status\",\"data\":{\"text\":\"after\"}}\\n' > \"$SSEWATCH_EVENTS\"; echo end");
        assertEquals(Refusals.SAID + 1, notices.size(), notices.toString());
        assertEquals("refused 1995 more events from the command (2000 in all; each is an error annotation on the page)",
                notices.get(Refusals.SAID));
        assertEquals(2000, ofType(events, "annotation").size());
        assertEquals("after", json(ofType(events, "status").get(0)).get("text").getAsString());
    }

    @Test
    void secretsAreMaskedInTheEventsData() {
        List<Event> events = run("printf '{\"type\":\"deploy\",\"data\":{\"url\":\"https://x:hunter2pass@h\"}}\\n' "
                + "> \"$SSEWATCH_EVENTS\"", RunConfig.of(List.of("true")).withMasks(List.of("hunter2[a-z]+"), List.of()));
        assertEquals("https://x:***@h", json(ofType(events, "deploy").get(0)).get("url").getAsString());
    }
}
