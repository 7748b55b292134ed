package org.ssewatch.share;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * One event a command sends through {@code SSEWATCH_EVENTS}: a line {@code {"type":T,"data":{...}}}
 * (docs/PROTOCOL.md). The rules are here, once, for ssewatch reading the line and for
 * {@code ssewatch emit} writing it: the type is a plain name that is not ssewatch's own, the data
 * a JSON object, the known types ({@code progress}, {@code status}) of their shape, and the whole
 * line at most {@value #MAX_LINE_BYTES} bytes with its newline, which is PIPE_BUF: a write of that
 * size to a FIFO is atomic, so lines of concurrent writers never interleave.
 *
 * @param type the event's type
 * @param data its payload, a JSON object
 */
public record CommandEvent(String type, JsonObject data) {
    public static final int MAX_LINE_BYTES = 4096;
    public static final String PROGRESS = "progress";
    public static final String STATUS = "status";

    private static final TypeAdapter<JsonElement> ADAPTER = new Gson().getAdapter(JsonElement.class);
    private static final Set<String> LINE_FIELDS = Set.of("type", "data");

    /** Checks an event; its data is given as JSON text, as {@code ssewatch emit} takes it. */
    public static CommandEvent of(String type, String json) {
        checkType(type);
        JsonElement data = parse(json, "the data");
        if (!data.isJsonObject()) {
            throw new IllegalArgumentException("the data must be a JSON object, not " + kind(data));
        }
        CommandEvent event = new CommandEvent(type, data.getAsJsonObject());
        event.checkShape();
        event.checkSize();
        return event;
    }

    /** Reads one line of {@code SSEWATCH_EVENTS}, without its newline. */
    static CommandEvent parseLine(String line) {
        JsonElement parsed = parse(line, "the line");
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("a line must be a JSON object {\"type\":...,\"data\":{...}}, not " + kind(parsed));
        }
        JsonObject o = parsed.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!LINE_FIELDS.contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" (a line has only \"type\" and \"data\")");
            }
        }
        JsonElement type = o.get("type");
        if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("\"type\" must be a string");
        }
        checkType(type.getAsString());
        JsonElement data = o.has("data") ? o.get("data") : new JsonObject();
        if (!data.isJsonObject()) {
            throw new IllegalArgumentException("\"data\" must be a JSON object, not " + kind(data));
        }
        CommandEvent event = new CommandEvent(type.getAsString(), data.getAsJsonObject());
        event.checkShape();
        return event;
    }

    /** The line to write, newline included. */
    public byte[] line() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.add("data", data);
        return (o + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The payload to journal: the data as one line of JSON. */
    byte[] payload() {
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkType(String type) {
        if (!Event.isValidType(type)) {
            throw new IllegalArgumentException("not a type name: \"" + type + "\" (1 to 64 of A-Z a-z 0-9 _ . -)");
        }
        if (EventTypes.isReserved(type)) {
            throw new IllegalArgumentException("\"" + type + "\" is a type ssewatch writes itself");
        }
    }

    private void checkSize() {
        int size = line().length;
        if (size > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("the event is " + size + " bytes, over the cap of " + MAX_LINE_BYTES);
        }
    }

    /** The known types' fields; other fields of theirs are passed on unchanged. */
    private void checkShape() {
        if (type.equals(PROGRESS)) {
            double done = number("done", true);
            double total = number("total", true);
            if (done < 0 || total <= 0 || done > total) {
                throw new IllegalArgumentException("progress needs 0 <= done <= total and total > 0: done " + done
                        + ", total " + total);
            }
            string("unit", false);
            string("text", false);
        } else if (type.equals(STATUS)) {
            string("text", true);
        }
    }

    private double number(String field, boolean required) {
        JsonPrimitive p = primitive(field, required);
        if (p == null) {
            return 0;
        }
        if (!p.isNumber()) {
            throw new IllegalArgumentException(type + " needs \"" + field + "\" as a number");
        }
        double v = p.getAsDouble();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(type + " needs \"" + field + "\" as a finite number");
        }
        return v;
    }

    private void string(String field, boolean required) {
        JsonPrimitive p = primitive(field, required);
        if (p != null && !p.isString()) {
            throw new IllegalArgumentException(type + " needs \"" + field + "\" as a string");
        }
    }

    private JsonPrimitive primitive(String field, boolean required) {
        JsonElement e = data.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new IllegalArgumentException(type + " needs \"" + field + "\"");
            }
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException(type + " needs \"" + field + "\" as a " + (field.equals("done")
                    || field.equals("total") ? "number" : "string"));
        }
        return e.getAsJsonPrimitive();
    }

    private static JsonElement parse(String json, String what) {
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            JsonElement parsed = ADAPTER.read(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(what + " has text after its JSON value");
            }
            return parsed;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + reason(e));
        }
    }

    /** Gson's message without its advice and link to its troubleshooting page. */
    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int advice = m.indexOf("\nSee ");
        m = advice >= 0 ? m.substring(0, advice) : m;
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        return m.replace('\n', ' ').strip();
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : "a " + (e.getAsJsonPrimitive().isString()
                ? "string" : e.getAsJsonPrimitive().isNumber() ? "number" : "boolean");
    }

    /** The data with every secret masked, in keys and string values alike. */
    CommandEvent masked(SecretMask mask) {
        return mask.isEmpty() ? this : new CommandEvent(type, maskObject(data, mask));
    }

    private static JsonObject maskObject(JsonObject o, SecretMask mask) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            out.add(mask.mask(e.getKey()), maskElement(e.getValue(), mask));
        }
        return out;
    }

    private static JsonElement maskElement(JsonElement e, SecretMask mask) {
        if (e.isJsonObject()) {
            return maskObject(e.getAsJsonObject(), mask);
        }
        if (e.isJsonArray()) {
            com.google.gson.JsonArray out = new com.google.gson.JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(maskElement(x, mask)));
            return out;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return new JsonPrimitive(mask.mask(e.getAsString()));
        }
        return e;
    }
}
