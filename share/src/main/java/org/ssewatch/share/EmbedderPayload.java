package org.ssewatch.share;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Checks a payload an embedder journals ({@link Recorder#event}) and writes it again compacted:
 * whatever whitespace it came with, it must reach the SSE wire as one line of JSON.
 */
final class EmbedderPayload {
    private static final TypeAdapter<JsonElement> ADAPTER = new Gson().getAdapter(JsonElement.class);

    private EmbedderPayload() {
    }

    static byte[] compact(byte[] json, int maxBytes) {
        if (json.length > maxBytes) {
            throw new IllegalArgumentException("an event payload is at most " + maxBytes + " bytes: " + json.length);
        }
        JsonElement parsed;
        try (JsonReader r = new JsonReader(new InputStreamReader(new java.io.ByteArrayInputStream(json), StandardCharsets.UTF_8))) {
            r.setStrictness(Strictness.STRICT);
            // Not JsonParser.parseReader: it reads leniently whatever the reader is set to.
            parsed = ADAPTER.read(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("an event payload is one JSON object, with nothing after it");
            }
        } catch (JsonParseException | IOException e) {
            throw new IllegalArgumentException("an event payload must be JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("an event payload is a JSON object");
        }
        return parsed.toString().getBytes(StandardCharsets.UTF_8);
    }
}
