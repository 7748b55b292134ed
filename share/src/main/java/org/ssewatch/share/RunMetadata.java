package org.ssewatch.share;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run.json} says about a saved run (docs/RUN-FORMAT.md): what ran, who started it,
 * when, how it ended, and whether the saved journal holds every event.
 *
 * @param start      the start event's information
 * @param user       the user who started it
 * @param startedAt  milliseconds since the epoch
 * @param endedAt    milliseconds since the epoch, 0 while it runs
 * @param exit       how it ended, or null while it runs
 * @param lines      finished lines per stream, once it ended (else empty)
 * @param journalProblem why the saved journal misses events (a write failed), or null when it has all
 * @param lastId     the run's last id, once it ended (else 0): past what a journal that misses events holds
 * @param launch     the job, parameters and operator of a run the hub started, or null
 * @param stop       why the hub ended it early (cancel, timeout, shutdown), or null
 */
public record RunMetadata(StartInfo start, String user, long startedAt, long endedAt, ExitStatus exit,
        Map<String, Long> lines, String journalProblem, long lastId, Launch launch, Stop stop) {
    /** The version of run.json this ssewatch writes and reads; a change readers must know of raises it. */
    public static final int FORMAT = 1;

    public RunMetadata {
        lines = Map.copyOf(lines);
    }

    byte[] toJson() {
        Json json = new Json();
        try {
            JsonWriter w = json.begin();
            w.name("format").value(FORMAT);
            Payloads.startFields(w, start);
            if (launch != null) {
                w.name("job").value(launch.job());
            }
            w.name("params").beginObject();
            for (Map.Entry<String, String> p : launch == null ? Map.<String, String>of().entrySet() : launch.params().entrySet()) {
                w.name(p.getKey()).value(p.getValue());
            }
            w.endObject();
            w.name("startedBy").beginObject().name("user").value(user).name("host").value(start.host());
            if (launch != null) {
                w.name("operator").value(launch.operator()).name("remote").value(launch.remote());
            }
            w.endObject();
            if (stop != null) {
                w.name("stoppedBy").beginObject().name("reason").value(stop.reason()).name("operator").value(stop.operator())
                        .endObject();
            }
            w.name("started").value(startedAt);
            w.name("ended").value(endedAt == 0 ? null : (Long) endedAt);
            w.name("exit");
            if (exit == null) {
                w.nullValue();
            } else {
                w.beginObject().name("status").value(exit.status()).name("code").value(exit.code())
                        .name("signal").value(exit.signal()).name("reason").value(exit.reason())
                        .name("message").value(exit.message()).endObject();
            }
            w.name("lines");
            if (lines.isEmpty()) {
                w.nullValue();
            } else {
                w.beginObject();
                for (String type : new String[] {EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDIN}) {
                    w.name(type).value(lines.getOrDefault(type, 0L));
                }
                w.endObject();
            }
            w.name("journal").beginObject().name("file").value(RunDirectory.JOURNAL)
                    .name("format").value(RecordFormat.VERSION).name("complete").value(journalProblem == null)
                    .name("problem").value(journalProblem)
                    .name("lastId").value(lastId == 0 ? null : (Long) lastId).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = json.finish();
        byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    /**
     * Reads run.json.
     *
     * @throws IOException saying what is wrong: not JSON, a format this ssewatch does not read, a field missing
     */
    static RunMetadata parse(byte[] bytes) throws IOException {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException("it is not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("it is not valid JSON", e);
        }
        if (!o.has("format") || !o.get("format").isJsonPrimitive() || !o.get("format").getAsJsonPrimitive().isNumber()) {
            throw new IOException("it has no format version");
        }
        int format = o.get("format").getAsInt();
        if (format != FORMAT) {
            throw new IOException("it is in run format " + format + ", and this ssewatch reads format " + FORMAT + " only");
        }
        try {
            List<String> command = new ArrayList<>();
            o.getAsJsonArray("command").forEach(a -> command.add(a.getAsString()));
            StartInfo start = new StartInfo(command, string(o, "cwd"), string(o, "host"),
                    o.get("pid").isJsonNull() ? null : o.get("pid").getAsLong(), string(o, "title"), o.get("pty").getAsBoolean());
            JsonObject by = o.getAsJsonObject("startedBy");
            long ended = o.get("ended").isJsonNull() ? 0 : o.get("ended").getAsLong();
            Map<String, Long> lines = new LinkedHashMap<>();
            if (o.get("lines").isJsonObject()) {
                o.getAsJsonObject("lines").entrySet().forEach(en -> lines.put(en.getKey(), en.getValue().getAsLong()));
            }
            JsonObject journal = o.getAsJsonObject("journal");
            JsonElement last = journal.get("lastId");
            return new RunMetadata(start, string(by, "user"), o.get("started").getAsLong(), ended, exit(o.get("exit")), lines,
                    string(journal, "problem"), last == null || last.isJsonNull() ? 0 : last.getAsLong(), launch(o, by),
                    stop(o.get("stoppedBy")));
        } catch (RuntimeException e) {
            throw new IOException("a field is missing or of the wrong type (" + e.getMessage() + ")", e);
        }
    }

    /** The hub's part, when run.json names a job; format 1 files written before it have none. */
    private static Launch launch(JsonObject o, JsonObject by) {
        String job = string(o, "job");
        if (job == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (o.get("params") != null && o.get("params").isJsonObject()) {
            o.getAsJsonObject("params").entrySet().forEach(en -> params.put(en.getKey(), en.getValue().getAsString()));
        }
        return new Launch(job, params, string(by, "operator"), string(by, "remote"));
    }

    private static Stop stop(JsonElement e) {
        return e == null || !e.isJsonObject() ? null
                : new Stop(string(e.getAsJsonObject(), "reason"), string(e.getAsJsonObject(), "operator"));
    }

    /** How the run ended, from run.json's or the exit event's object; null for none. */
    static ExitStatus exit(JsonElement e) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject x = e.getAsJsonObject();
        ExitReason reason = ExitReason.fromWireName(string(x, "reason"));
        return new ExitStatus(x.get("status").getAsInt(), x.get("code").isJsonNull() ? null : x.get("code").getAsInt(),
                string(x, "signal"), reason != null ? reason : ExitReason.FAILED, string(x, "message"));
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
