package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An event stream (a hub's api/runs/events, a run's events) read one event at a time: {type, data}. */
final class ListEvents implements AutoCloseable {
    private final InputStream body;
    private final BufferedReader in;

    private ListEvents(InputStream body) {
        this.body = body;
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static ListEvents open(java.net.http.HttpClient http, URI url) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(url).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        return new ListEvents(r.body());
    }

    String[] next() throws Exception {
        String type = "message";
        String data = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isEmpty() && data != null) {
                return new String[] {type, data};
            } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).strip();
            }
        }
        throw new AssertionError("the stream ended");
    }

    /** The run as the list shows it once it is in {@code state}, from a run event or a whole list. */
    JsonObject awaitRun(String id, String state) throws Exception {
        while (true) {
            String[] e = next();
            List<JsonObject> runs = new ArrayList<>();
            if (e[0].equals("run")) {
                runs.add(JsonParser.parseString(e[1]).getAsJsonObject());
            } else if (e[0].equals("runs")) {
                JsonParser.parseString(e[1]).getAsJsonObject().getAsJsonArray("runs").forEach(r -> runs.add(r.getAsJsonObject()));
            }
            for (JsonObject r : runs) {
                if (r.get("id").getAsString().equals(id) && r.get("state").getAsString().equals(state)) {
                    return r;
                }
            }
        }
    }

    /** The next whole list (a {@code runs} event) that {@code wanted} accepts. */
    JsonObject awaitList(Predicate<JsonObject> wanted) throws Exception {
        while (true) {
            String[] e = next();
            if (e[0].equals("runs")) {
                JsonObject list = JsonParser.parseString(e[1]).getAsJsonObject();
                if (wanted.test(list)) {
                    return list;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
