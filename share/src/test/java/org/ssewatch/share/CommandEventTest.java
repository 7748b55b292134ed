package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommandEventTest {
    private static String refusal(String type, String json) {
        return assertThrows(IllegalArgumentException.class, () -> CommandEvent.of(type, json)).getMessage();
    }

    private static String lineRefusal(String line) {
        return assertThrows(IllegalArgumentException.class, () -> CommandEvent.parseLine(line)).getMessage();
    }

    @Test
    void anEventIsWrittenAsOneCompactLineWithItsNewline() {
        CommandEvent e = CommandEvent.of("deploy-step", "{ \"step\" :\n \"migrate\" }");
        assertEquals("{\"type\":\"deploy-step\",\"data\":{\"step\":\"migrate\"}}\n", new String(e.line(), StandardCharsets.UTF_8));
        assertEquals("{\"step\":\"migrate\"}", new String(e.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void aLineReadsBackAsTheSameEventAndDataDefaultsToAnEmptyObject() {
        CommandEvent e = CommandEvent.parseLine("{\"type\":\"progress\",\"data\":{\"done\":40,\"total\":100,\"unit\":\"files\"}}");
        assertEquals("progress", e.type());
        assertEquals(40, e.data().get("done").getAsInt());
        assertEquals("{}", new String(CommandEvent.parseLine("{\"type\":\"ping\"}").payload(), StandardCharsets.UTF_8));
    }

    @Test
    void reservedTypesAndTypesThatAreNoPlainNameAreRefused() {
        for (String type : List.of("start", "stdout", "stderr", "stdin", "exit", "gap", "group", "annotation")) {
            assertEquals("\"" + type + "\" is a type ssewatch writes itself", refusal(type, "{}"));
        }
        assertTrue(refusal("a b", "{}").startsWith("not a type name: \"a b\""));
        assertTrue(refusal("x".repeat(65), "{}").startsWith("not a type name"));
        assertTrue(refusal("", "{}").startsWith("not a type name"));
    }

    @Test
    void dataThatIsNoJsonObjectIsRefusedSayingWhy() {
        assertTrue(refusal("t", "{\"a\":").startsWith("the data is not valid JSON"), refusal("t", "{\"a\":"));
        assertTrue(refusal("t", "{'a':1}").startsWith("the data is not valid JSON: malformed JSON"), refusal("t", "{'a':1}"));
        assertEquals("the data must be a JSON object, not an array", refusal("t", "[1]"));
        assertTrue(refusal("t", "{} {}").startsWith("the data is not valid JSON"), "one value, nothing after it");
    }

    @Test
    void progressNeedsDoneAndTotalAsNumbersWithDoneFromZeroToTotal() {
        assertEquals("progress needs \"total\"", refusal("progress", "{\"done\":1}"));
        assertEquals("progress needs \"done\" as a number", refusal("progress", "{\"done\":\"1\",\"total\":2}"));
        assertTrue(refusal("progress", "{\"done\":3,\"total\":2}").startsWith("progress needs 0 <= done <= total"));
        assertTrue(refusal("progress", "{\"done\":0,\"total\":0}").startsWith("progress needs 0 <= done <= total"));
        assertEquals("progress needs \"unit\" as a string", refusal("progress", "{\"done\":1,\"total\":2,\"unit\":3}"));
        CommandEvent.of("progress", "{\"done\":2.5,\"total\":10,\"unit\":\"MB\",\"text\":\"downloading\",\"extra\":true}");
    }

    @Test
    void statusNeedsItsTextAsAString() {
        assertEquals("status needs \"text\"", refusal("status", "{}"));
        assertEquals("status needs \"text\" as a string", refusal("status", "{\"text\":42}"));
        CommandEvent.of("status", "{\"text\":\"migrating users\"}");
    }

    @Test
    void anEventOverPipeBufIsRefusedAndOneOfExactlyPipeBufIsTaken() {
        String head = "{\"type\":\"big\",\"data\":{\"x\":\"";
        String tail = "\"}}\n";
        String fits = "a".repeat(CommandEvent.MAX_LINE_BYTES - head.length() - tail.length());
        assertEquals(CommandEvent.MAX_LINE_BYTES, CommandEvent.of("big", "{\"x\":\"" + fits + "\"}").line().length);
        assertEquals("the event is 4097 bytes, over the cap of 4096", refusal("big", "{\"x\":\"" + fits + "a\"}"));
    }

    @Test
    void aLineWithOtherFieldsOrAWrongTypeFieldIsRefused() {
        assertEquals("unknown field \"id\" (a line has only \"type\" and \"data\")", lineRefusal("{\"type\":\"t\",\"id\":3}"));
        assertEquals("\"type\" must be a string", lineRefusal("{\"data\":{}}"));
        assertEquals("\"data\" must be a JSON object, not a string", lineRefusal("{\"type\":\"t\",\"data\":\"x\"}"));
        assertTrue(lineRefusal("not json").startsWith("the line is not valid JSON"));
    }

    @Test
    void secretsAreMaskedInKeysAndStringValuesAtAnyDepth() {
        SecretMask mask = new SecretMask(List.of(Pattern.compile("tok-[0-9]+")));
        CommandEvent e = CommandEvent.parseLine(
                "{\"type\":\"t\",\"data\":{\"tok-1\":\"a tok-22 b\",\"list\":[\"tok-3\",{\"n\":\"tok-4\"}],\"n\":5}}").masked(mask);
        assertEquals("{\"***\":\"a *** b\",\"list\":[\"***\",{\"n\":\"***\"}],\"n\":5}",
                new String(e.payload(), StandardCharsets.UTF_8));
    }
}
