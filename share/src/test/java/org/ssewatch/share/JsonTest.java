package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final Json json = new Json();

    private String encode(String text) throws IOException {
        json.begin().name("text").value(text);
        return new String(json.finish(), StandardCharsets.UTF_8);
    }

    @Test
    void oneReusedWriterMakesIndependentObjectsOneAfterAnother() throws IOException {
        assertEquals("{\"text\":\"a\"}", encode("a"));
        assertEquals("{\"text\":\"b\"}", encode("b"));
        json.begin().name("n").nullValue();
        assertEquals("{\"n\":null}", new String(json.finish(), StandardCharsets.UTF_8));
    }

    @Test
    void nothingThatEndsAnSseLineSurvivesUnescaped() throws IOException {
        assertEquals("{\"text\":\"cr\\rlf\\nnul\\u0000ls\\u2028ps\\u2029\"}", encode("cr\rlf\nnul\0ls\u2028ps\u2029"));
    }

    @Test
    void markupIsLeftAsItIsForTheClientToInsertAsText() throws IOException {
        assertEquals("{\"text\":\"<script>&'\"}", encode("<script>&'"));
    }
}
