package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markup and masking between a real decoder and a real recorder, fed by hand. */
class MarkupTest {
    private static final String E = "\u001b[0K";
    private final Journal journal = new Journal(JournalConfig.inMemory(1000));
    private final Recorder recorder = new Recorder(journal);
    private final SecretMask mask = new SecretMask(List.of());
    private final Markup markup = new Markup(recorder, mask);
    private final LineDecoder out = MarkupFilter.decoder(1024, recorder.lines(EventTypes.STDOUT), markup, mask);
    private final LineDecoder err = MarkupFilter.decoder(1024, recorder.lines(EventTypes.STDERR), markup, mask);

    private static void feed(LineDecoder d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length);
    }

    private List<Event> events() {
        List<Event> all = new ArrayList<>();
        journal.read(0, 1000, Long.MAX_VALUE, all::add);
        return all;
    }

    private static JsonObject json(Event e) {
        return JsonParser.parseString(e.payloadJson()).getAsJsonObject();
    }

    /** Each event as TYPE:PAYLOAD without the times, in journal order. */
    private List<String> shown() {
        return events().stream().map(e -> {
            JsonObject j = json(e);
            j.remove("time");
            return e.type() + ":" + j;
        }).toList();
    }

    @Test
    void markupLinesBecomeEventsAndTakeNoLineNumber() {
        feed(out, "one\n::group::Compile step 1\ntwo\n::warning file=a.c,line=3::unused x\n::endgroup::\nthree\n");
        assertEquals(List.of(
                "stdout:{\"line\":1,\"text\":\"one\"}",
                "group:{\"action\":\"start\",\"name\":\"compile-step-1\",\"title\":\"Compile step 1\",\"at\":2,\"collapsed\":true}",
                "stdout:{\"line\":2,\"text\":\"two\"}",
                "annotation:{\"level\":\"warning\",\"message\":\"unused x\",\"file\":\"a.c\",\"line\":3,\"at\":3}",
                "group:{\"action\":\"end\",\"name\":\"compile-step-1\",\"title\":\"Compile step 1\",\"at\":3,\"collapsed\":true}",
                "stdout:{\"line\":3,\"text\":\"three\"}"), shown());
        assertEquals(3, recorder.lineCount(EventTypes.STDOUT));
    }

    @Test
    void groupsNestAndAnEndAlsoEndsTheGroupsOpenInsideIt() {
        feed(out, "::group::outer\n" + E + "section_start:1:inner[collapsed=true]\r" + E + "Inner\n::group::deepest\n");
        feed(err, E + "section_end:2:inner\r" + E + "\n");
        feed(out, "::endgroup::\n::endgroup::\n::endgroup::\n");
        List<String> groups = events().stream().filter(e -> e.type().equals("group"))
                .map(e -> json(e).get("action").getAsString() + " " + json(e).get("name").getAsString()).toList();
        assertEquals(List.of("start outer", "start inner", "start deepest", "end deepest", "end inner", "end outer"), groups);
        assertFalse(events().stream().anyMatch(e -> EventTypes.isLine(e.type())), "an unmatched end is no text either");
    }

    @Test
    void gitLabMarkersSurviveTheCarriageReturnThatHidesThemOnATerminal() {
        feed(out, E + "section_start:1700000000:build[collapsed=true]\r" + E + "Build it\n");
        feed(out, "progress 10%\rprogress 99%\n");
        feed(out, E + "section_end:1700000001:build\r" + E + "\n");
        feed(out, E + "section_start:1:bad name\r" + E + "Shown as a terminal shows it\n");
        assertEquals(List.of(
                "group:{\"action\":\"start\",\"name\":\"build\",\"title\":\"Build it\",\"at\":1,\"collapsed\":true}",
                "stdout:{\"line\":1,\"text\":\"progress 99%\"}",
                "group:{\"action\":\"end\",\"name\":\"build\",\"title\":\"Build it\",\"at\":2,\"collapsed\":true}",
                "stdout:{\"line\":2,\"text\":\"" + "\\u001b[0KShown as a terminal shows it" + "\"}"), shown());
    }

    @Test
    void anOpenLineKeptRawForTheParserIsShownAsATerminalShowsIt() {
        feed(out, E + "section_oops\r" + E + "Shown");
        out.flushPartial(System.nanoTime() + 1_000_000_000L, 0);
        feed(out, "\n");
        String terminal = CarriageReturn.overlay(E + "section_oops", E + "Shown");
        assertEquals(List.of(terminal, terminal), events().stream().map(e -> json(e).get("text").getAsString()).toList());
    }

    @Test
    void aCommandLongerThanTheLineLimitIsReadFromItsFirstPieceAndTheRestIsText() {
        LineDecoder narrow = MarkupFilter.decoder(16, recorder.lines(EventTypes.STDOUT), markup, mask);
        feed(narrow, "::error::" + "x".repeat(30) + "\nnext\n");
        assertEquals(List.of(
                "annotation:{\"level\":\"error\",\"message\":\"xxxxxxx\",\"at\":1}",
                "stdout:{\"line\":1,\"text\":\"" + "x".repeat(16) + "\"}",
                "stdout:{\"line\":2,\"text\":\"xxxxxxx\",\"cont\":true}",
                "stdout:{\"line\":3,\"text\":\"next\"}"), shown());
    }

    @Test
    void stopCommandsMakesCommandsTextUntilItsToken() {
        feed(out, "::stop-commands::tok123\n::error::not an error\n::add-mask::visible\n::tok123::\n::error::an error\nvisible\n");
        assertEquals(List.of(
                "stdout:{\"line\":1,\"text\":\"::error::not an error\"}",
                "stdout:{\"line\":2,\"text\":\"::add-mask::visible\"}",
                "annotation:{\"level\":\"error\",\"message\":\"an error\",\"at\":3}",
                "stdout:{\"line\":3,\"text\":\"visible\"}"), shown());
    }

    @Test
    void malformedCommandsStayTextLines() {
        feed(out, "::error file=x\n::set-output name=a::b\n::error line=x::m\n:: not one\n::\n");
        assertEquals(5, recorder.lineCount(EventTypes.STDOUT));
        assertEquals(5, events().size());
    }

    @Test
    void aMaskedValueNeverAppearsAndTheAddMaskLineIsNotAnEvent() {
        feed(out, "::add-mask::p%25ss-w0rd\n");
        feed(err, "login p%ss-w0rd\n::group::with p%ss-w0rd\n");
        feed(out, "::error title=p%ss-w0rd,file=p%ss-w0rd.txt::bad p%ss-w0rd%0Aagain\n");
        feed(out, "xxss-w0rd\rp%\n"); // a carriage return puts it together
        feed(err, E + "section_start:5:s\r" + E + "header p%ss-w0rd\n");
        List<Event> all = events();
        for (Event e : all) {
            assertFalse(e.payloadJson().contains("s-w0rd"), e.toString());
            assertFalse(e.payloadJson().contains("add-mask"), e.toString());
        }
        assertEquals(List.of(
                "stderr:{\"line\":1,\"text\":\"login ***\"}",
                "group:{\"action\":\"start\",\"name\":\"with\",\"title\":\"with ***\",\"at\":2,\"collapsed\":true}",
                "annotation:{\"level\":\"error\",\"message\":\"bad ***\\nagain\",\"title\":\"***\",\"file\":\"***.txt\",\"at\":2}",
                "stdout:{\"line\":2,\"text\":\"***\"}",
                "group:{\"action\":\"start\",\"name\":\"s\",\"title\":\"header ***\",\"at\":3,\"collapsed\":false}"), shown());
    }

    @Test
    void aPartialLineHoldsBackWhatCouldStillBecomeASecretOrACommand() {
        mask.add("topsecret");
        long later = System.nanoTime() + 1_000_000_000L;
        feed(out, "token: tops");
        out.flushPartial(later, 0);
        feed(out, "ecret and more");
        out.flushPartial(later, 0);
        feed(out, "\n::add-mask::other");
        out.flushPartial(later, 0);
        feed(out, "-secret\n" + E + "section_st");
        out.flushPartial(later, 0);
        feed(out, "art:1:x\r" + E + "X\nother-secret\n");
        assertEquals(List.of(
                "stdout:{\"line\":1,\"text\":\"token: \",\"partial\":true}",
                "stdout:{\"line\":1,\"text\":\"token: *** and more\",\"partial\":true}",
                "stdout:{\"line\":1,\"text\":\"token: *** and more\"}",
                "group:{\"action\":\"start\",\"name\":\"x\",\"title\":\"X\",\"at\":2,\"collapsed\":false}",
                "stdout:{\"line\":2,\"text\":\"***\"}"), shown());
    }

    @Test
    void withMarkupOffCommandsAreTextAndCarriageReturnsApplyAsBefore() {
        LineDecoder plain = MarkupFilter.decoder(1024, recorder.lines(EventTypes.STDOUT), null, mask);
        feed(plain, "::group::x\n" + E + "section_start:1:x\r" + E + "Header\n");
        assertEquals(2, events().size());
        assertEquals("::group::x", json(events().get(0)).get("text").getAsString());
        assertTrue(json(events().get(1)).get("text").getAsString().startsWith(E + "Header"));
    }

    @Test
    void anEmbedderMayJournalItsOwnTypesButNotOursAndOnlyAsOneLineOfJson() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> recorder.event("worker.done", "{}".getBytes(StandardCharsets.UTF_8)), "before the start event");
        recorder.start(new StartInfo(List.of(), "/", "host", null, null, false));
        recorder.event("worker.done", "{\n \"job\": 7,\n \"ok\": true\n}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"job\":7,\"ok\":true}", events().get(1).payloadJson());
        for (String reserved : List.of("exit", "stdout", "start", "gap", "group", "annotation", "bad type", "")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> recorder.event(reserved, "{}".getBytes(StandardCharsets.UTF_8)), reserved);
        }
        for (String bad : List.of("[1]", "{} {}", "{\"a\":", "{'a':1}", "")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> recorder.event("mine", bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> recorder.event("mine", ("{\"a\":\"" + "x".repeat(Recorder.MAX_EVENT_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, journal.lastId());
    }
}
