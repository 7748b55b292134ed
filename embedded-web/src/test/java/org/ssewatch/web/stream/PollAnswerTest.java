package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.Event;

class PollAnswerTest {
    private static String text(ByteBuffer b) {
        assertEquals(b.capacity(), b.remaining(), "the buffer is exactly the answer");
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    @Test
    void anEmptyAnswerSaysWhereTheNextPollStartsAndWhetherTheRunIsOver() {
        assertEquals("{\"events\":[],\"last\":0,\"done\":false}", text(PollAnswer.encode(List.of(), 0, false)));
        assertEquals("{\"events\":[],\"last\":1234567890123,\"done\":true}",
                text(PollAnswer.encode(List.of(), 1234567890123L, true)));
    }

    @Test
    void eventsCarryTheirIdTypeAndPayloadAsJson() {
        List<Event> events = List.of(
                new Event(9, "stdout", "{\"line\":1,\"text\":\"a \\\"q\\\" é\"}".getBytes(StandardCharsets.UTF_8)),
                new Event(10, "stderr", "{\"line\":2,\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                new Event(100, "my-type.v2", "{}".getBytes(StandardCharsets.UTF_8)));
        String answer = text(PollAnswer.encode(events, 100, false));
        assertEquals("{\"events\":[{\"id\":9,\"type\":\"stdout\",\"data\":{\"line\":1,\"text\":\"a \\\"q\\\" é\"}},"
                + "{\"id\":10,\"type\":\"stderr\",\"data\":{\"line\":2,\"text\":\"b\"}},"
                + "{\"id\":100,\"type\":\"my-type.v2\",\"data\":{}}],\"last\":100,\"done\":false}", answer);
        JsonObject parsed = JsonParser.parseString(answer).getAsJsonObject();
        assertEquals("a \"q\" é", parsed.getAsJsonArray("events").get(0).getAsJsonObject()
                .getAsJsonObject("data").get("text").getAsString());
    }
}
