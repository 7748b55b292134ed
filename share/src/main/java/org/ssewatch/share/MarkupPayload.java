package org.ssewatch.share;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes the payloads of the markup events, {@code group} and {@code annotation} (docs/PROTOCOL.md). */
final class MarkupPayload {
    private final Json json = new Json();

    /** An open group; {@code github} says which end marker closes it. */
    record Group(String name, String title, boolean collapsed, boolean github) {
    }

    byte[] group(String action, Group g, long at, long time) {
        try {
            JsonWriter w = json.begin();
            w.name("action").value(action);
            w.name("name").value(g.name());
            w.name("title").value(g.title());
            w.name("at").value(at);
            w.name("collapsed").value(g.collapsed());
            w.name("time").value(time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** Line and column properties are already checked to be whole numbers, and go out as numbers. */
    byte[] annotation(String level, String message, Map<String, String> properties, long at, long time) {
        try {
            JsonWriter w = json.begin();
            w.name("level").value(level);
            w.name("message").value(message);
            for (String key : WorkflowCommands.PROPERTIES) {
                String value = properties.get(key);
                if (value == null) {
                    continue;
                }
                if (key.equals("title") || key.equals("file")) {
                    w.name(key).value(value);
                } else {
                    w.name(key).value(Long.parseLong(value));
                }
            }
            w.name("at").value(at);
            w.name("time").value(time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }
}
