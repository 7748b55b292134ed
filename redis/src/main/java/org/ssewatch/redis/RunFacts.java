package org.ssewatch.redis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ExitReason;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.LineIndex;
import org.ssewatch.share.MarkIndex;
import org.ssewatch.share.StartInfo;

/**
 * What a relay knows of a published run from its events as they arrive, as a local run knows
 * it: the start and exit events' facts, finished lines per stream, and the line and mark
 * indexes. One writer (the follower), any number of readers.
 */
final class RunFacts {
    final LineIndex lineIndex = new LineIndex();
    final MarkIndex marks = new MarkIndex();
    private final ConcurrentHashMap<String, LongAdder> lines = new ConcurrentHashMap<>();
    volatile StartInfo start;
    volatile long startedAt;
    volatile long endedAt;
    volatile ExitStatus exit;

    void note(Event e) {
        lineIndex.note(e);
        marks.note(e);
        if (EventTypes.isLine(e.type())) {
            byte[] p = e.payload();
            // A finished line ends with its text, a string; a partial one or a piece with a flag (as LineTally reads it).
            if (p.length >= 2 && p[p.length - 2] == '"') {
                lines.computeIfAbsent(e.type(), t -> new LongAdder()).increment();
            }
        } else if (e.type().equals(EventTypes.START)) {
            JsonObject o = json(e.payloadJson());
            start = startOf(o);
            startedAt = o.get("time").getAsLong();
        } else if (e.type().equals(EventTypes.EXIT)) {
            JsonObject x = json(e.payloadJson());
            exit = exitOf(x);
            endedAt = x.get("time").getAsLong();
        }
    }

    /** The facts of a {@code start} event's payload. */
    static StartInfo startOf(JsonObject o) {
        List<String> command = new ArrayList<>();
        o.getAsJsonArray("command").forEach(a -> command.add(a.getAsString()));
        return new StartInfo(command, string(o, "cwd"), string(o, "host"),
                o.get("pid") == null || o.get("pid").isJsonNull() ? null : o.get("pid").getAsLong(),
                string(o, "title"), o.get("pty") != null && o.get("pty").getAsBoolean());
    }

    /** How the run ended, from an {@code exit} event's payload. */
    static ExitStatus exitOf(JsonObject x) {
        ExitReason reason = ExitReason.fromWireName(string(x, "reason"));
        return new ExitStatus(x.get("status").getAsInt(),
                x.get("code") == null || x.get("code").isJsonNull() ? null : x.get("code").getAsInt(),
                string(x, "signal"), reason != null ? reason : ExitReason.FAILED, string(x, "message"));
    }

    long lineCount(String type) {
        LongAdder n = lines.get(type);
        return n == null ? 0 : n.sum();
    }

    static JsonObject json(String payload) {
        return JsonParser.parseString(payload).getAsJsonObject();
    }

    static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
