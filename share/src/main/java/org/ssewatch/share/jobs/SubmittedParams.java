package org.ssewatch.share.jobs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code params} object of a request, as {@link Job#invoke} takes it: JSON strings as
 * Strings, booleans as Booleans, numbers as Numbers that keep the text they were written with
 * (so {@code 3} is a whole number and {@code 3.0} is not, where a double would blur the two),
 * null as not submitted, lists and objects as themselves, to be refused by name.
 */
public final class SubmittedParams {
    private SubmittedParams() {
    }

    public static Map<String, Object> fromJson(JsonObject params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : params.entrySet()) {
            values.put(e.getKey(), value(e.getValue()));
        }
        return values;
    }

    private static Object value(JsonElement v) {
        if (v.isJsonNull()) {
            return null;
        }
        if (v instanceof JsonPrimitive p) {
            return p.isBoolean() ? Boolean.valueOf(p.getAsBoolean()) : p.isNumber() ? p.getAsNumber() : p.getAsString();
        }
        return v;
    }
}
