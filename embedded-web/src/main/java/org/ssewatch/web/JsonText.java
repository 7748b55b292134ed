package org.ssewatch.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/** The one Gson configuration for responses: nulls kept, so clients see every field. */
final class JsonText {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private JsonText() {
    }

    static String of(JsonElement e) {
        return GSON.toJson(e);
    }
}
