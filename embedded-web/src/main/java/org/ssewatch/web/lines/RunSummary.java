package org.ssewatch.web.lines;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ReadableJournal;

/** What an export says about the run, from its journal's {@code start} and {@code exit} events. */
record RunSummary(JsonObject start, JsonObject exit) {
    static RunSummary of(ReadableJournal journal) {
        JsonObject[] found = new JsonObject[2];
        journal.read(0, 1, 1 << 20, e -> found[0] = payload(e, EventTypes.START));
        long last = journal.lastId();
        if (journal.isComplete() && last > 1) {
            journal.read(last - 1, 1, 1 << 20, e -> found[1] = payload(e, EventTypes.EXIT));
        }
        return new RunSummary(found[0], found[1]);
    }

    private static JsonObject payload(Event e, String type) {
        return e.type().equals(type) ? JsonParser.parseString(e.payloadJson()).getAsJsonObject() : null;
    }

    String title() {
        if (start == null) {
            return "a run";
        }
        String title = string(start, "title");
        return title != null ? title : command();
    }

    private String command() {
        List<String> args = new ArrayList<>();
        if (start.get("command") != null && start.get("command").isJsonArray()) {
            start.getAsJsonArray("command").forEach(a -> args.add(a.getAsString()));
        }
        return args.isEmpty() ? "standard input" : String.join(" ", args);
    }

    private static String string(JsonObject o, String name) {
        JsonElement v = o == null ? null : o.get(name);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }

    void writeHeader(Writer w, long lines, boolean done) throws IOException {
        w.write("<header><h1>" + Html.escape(title()) + "</h1><dl>\n");
        if (start == null) {
            item(w, "Run", "its start was not kept (past the history and spill limits)");
        } else {
            item(w, "Command", command());
            item(w, "Directory", string(start, "cwd"));
            item(w, "Host", string(start, "host"));
            item(w, "Started", Instant.ofEpochMilli(start.get("time").getAsLong()).toString());
        }
        item(w, "Lines", lines + (done ? "" : " (exported while the run was going on)"));
        if (exit != null) {
            item(w, "Ended", Instant.ofEpochMilli(exit.get("time").getAsLong()).toString());
            item(w, "Exit", outcome());
        }
        w.write("</dl></header>\n");
    }

    private String outcome() {
        String message = string(exit, "message");
        String signal = string(exit, "signal");
        String code = string(exit, "code");
        String what = signal != null ? "killed by " + signal : code != null ? "exit code " + code : string(exit, "reason");
        return what + ", after " + exit.get("duration").getAsLong() + " ms" + (message != null ? ": " + message : "");
    }

    void writeFooter(Writer w, boolean done) throws IOException {
        w.write("<footer>" + (done ? "The run was over when this was exported." : "The run was still going on when this was exported.")
                + " Written by ssewatch.</footer>\n");
    }

    private static void item(Writer w, String name, String value) throws IOException {
        if (value != null) {
            w.write("<dt>" + name + "</dt><dd>" + Html.escape(value) + "</dd>\n");
        }
    }
}
