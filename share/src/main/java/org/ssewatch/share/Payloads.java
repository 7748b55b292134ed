package org.ssewatch.share;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the JSON that ssewatch writes about a run, field by field in the order clients see:
 * the payloads of the {@code start}, line, {@code exit} and {@code gap} events, and the
 * {@code api/status} answer. An event's payload is encoded once, when it is journaled, and sent
 * as it is by every transport, so these bytes are the wire format of docs/PROTOCOL.md.
 *
 * <p>A line takes {@link LinePayload}'s byte path whenever its bytes allow, since one is written
 * for every line the command prints; everything else goes through {@link Json} (Gson). An
 * instance reuses one writer and is not thread-safe: the {@link Recorder} owns one and calls it
 * under its lock. Gaps and the status are built by readers, on any thread, with writers of their own.
 */
public final class Payloads {
    private final Json json = new Json();

    /** {@code start}: what ran, where, as whom; {@code time} is when the run started. */
    byte[] start(long time, StartInfo info) {
        try {
            JsonWriter w = json.begin();
            w.name("time").value(time);
            startFields(w, info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** The start event's fields after its time, in its order; a saved run's metadata has them too. */
    static void startFields(JsonWriter w, StartInfo info) throws IOException {
        w.name("command").beginArray();
        for (String arg : info.command()) {
            w.value(arg);
        }
        w.endArray();
        w.name("cwd").value(info.cwd());
        w.name("host").value(info.host());
        w.name("pid").value(info.pid());
        w.name("title").value(info.title());
        w.name("mode").value(info.mode());
        w.name("pty").value(info.pty());
    }

    /** A finished line (or a piece of one) as the command printed it; invalid UTF-8 becomes U+FFFD. */
    byte[] line(long line, long time, byte[] utf8, int off, int len, boolean cont) {
        byte[] payload = LinePayload.encode(line, time, utf8, off, len, false, cont);
        if (payload != null) {
            return payload;
        }
        // Not valid UTF-8: Gson writes what the decoder makes of it, U+FFFD for each invalid part.
        return line(line, time, new String(utf8, off, len, StandardCharsets.UTF_8), false, cont);
    }

    /** A line already decoded: a partial one, or one that a carriage return rewrote. */
    byte[] line(long line, long time, String text, boolean partial, boolean cont) {
        try {
            JsonWriter w = json.begin();
            w.name("line").value(line);
            w.name("time").value(time);
            w.name("text").value(text);
            if (partial) {
                w.name("partial").value(true);
            }
            if (cont) {
                w.name("cont").value(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** {@code exit}: how the run ended, at {@code time}, {@code duration} ms after it started. */
    byte[] exit(long time, long duration, ExitStatus status) {
        try {
            JsonWriter w = json.begin();
            w.name("time").value(time);
            w.name("code").value(status.code());
            w.name("signal").value(status.signal());
            w.name("status").value(status.status());
            w.name("duration").value(duration);
            w.name("reason").value(status.reason());
            w.name("message").value(status.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** {@code gap}: the first and last ids a reader missed (public for readers of published runs, module redis). */
    public static byte[] gap(long from, long to) {
        Json json = new Json();
        try {
            json.begin().name("from").value(from).name("to").value(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** A hub run's job, parameters and who started it; nothing for any other run, whose status stays as it was. */
    private static void launch(JsonWriter w, Launch launch, long startedAt) throws IOException {
        if (launch == null) {
            return;
        }
        w.name("job").value(launch.job());
        w.name("params").beginObject();
        for (Map.Entry<String, String> p : launch.params().entrySet()) {
            w.name(p.getKey()).value(p.getValue());
        }
        w.endObject();
        w.name("startedBy").beginObject().name("operator").value(launch.operator()).name("remote").value(launch.remote())
                .name("time").value(startedAt == 0 ? null : (Long) startedAt).endObject();
    }

    /**
     * The {@code api/status} answer: the run as {@code run} has it now, with {@code viewers}
     * connected. It names the start's and the exit's fields in an order of its own, which clients
     * have seen since it was first written; nulls are kept, so every field is always there.
     */
    public static byte[] status(Run run, int viewers) {
        StartInfo start = run.startInfo();
        ExitStatus exit = run.exitStatus();
        long startedAt = run.startedAt();
        long endedAt = run.endedAt();
        Json json = new Json();
        try {
            JsonWriter w = json.begin();
            w.name("state").value(start == null ? "starting" : exit == null ? "running"
                    : exit.kind() == ExitReason.INTERRUPTED ? "interrupted" : "exited");
            w.name("command").beginArray();
            if (start != null) {
                for (String arg : start.command()) {
                    w.value(arg);
                }
            }
            w.endArray();
            w.name("title").value(start == null ? null : start.title());
            w.name("cwd").value(start == null ? null : start.cwd());
            w.name("host").value(start == null ? null : start.host());
            w.name("pid").value(start == null ? null : start.pid());
            w.name("mode").value(start == null ? null : start.mode());
            w.name("started").value(startedAt == 0 ? null : (Long) startedAt);
            w.name("ended").value(endedAt == 0 ? null : (Long) endedAt);
            w.name("exit");
            if (exit == null) {
                w.nullValue();
            } else {
                w.beginObject();
                w.name("status").value(exit.status());
                w.name("code").value(exit.code());
                w.name("signal").value(exit.signal());
                w.name("reason").value(exit.reason());
                w.name("message").value(exit.message());
                w.name("duration").value(endedAt - startedAt);
                w.endObject();
            }
            w.name("lastId").value(run.journal().lastId());
            String problem = run.sourceProblem();
            if (problem != null) {
                w.name("source").value(problem); // only then, so that a local run's status is as it was
            }
            launch(w, run.launch(), startedAt);
            w.name("lines").beginObject();
            for (String type : new String[] {EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDIN}) {
                w.name(type).value(run.lineCount(type));
            }
            w.endObject();
            w.name("viewers").value(viewers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }
}
