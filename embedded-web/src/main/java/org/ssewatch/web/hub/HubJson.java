package org.ssewatch.web.hub;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.jobs.Job;
import org.ssewatch.share.jobs.Param;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;

/** The hub's JSON (docs/PROTOCOL.md, "The hub"): jobs as the form needs them, runs as the list shows them. */
final class HubJson {
    private final StringWriter out = new StringWriter();
    private final JsonWriter w = new JsonWriter(out);

    interface Body {
        void write(HubJson json) throws IOException;
    }

    static String of(Body body) {
        HubJson json = new HubJson();
        try {
            body.write(json);
            json.w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.out.toString();
    }

    JsonWriter writer() {
        return w;
    }

    /** {@code refused}: why new runs are refused now (--max-disk), or null. */
    void jobs(List<Job> jobs, boolean canStart, String refused) throws IOException {
        w.beginObject().name("canStart").value(canStart).name("refused").value(refused).name("jobs").beginArray();
        for (Job job : jobs) {
            w.beginObject().name("name").value(job.name()).name("title").value(job.title())
                    .name("concurrency").value(job.concurrency())
                    .name("timeoutMs").value(job.timeout().map(d -> (Long) d.toMillis()).orElse(null))
                    .name("params").beginArray();
            for (Param p : job.params().values()) {
                param(p);
            }
            w.endArray().endObject();
        }
        w.endArray().endObject();
    }

    private void param(Param p) throws IOException {
        w.beginObject().name("name").value(p.name()).name("type").value(p.type().yamlName()).name("title").value(p.title())
                .name("required").value(p.required()).name("default").value(p.defaultValue().orElse(null));
        if (!p.choices().isEmpty()) {
            w.name("choices").beginArray();
            for (String c : p.choices()) {
                w.value(c);
            }
            w.endArray();
        }
        if (p.pattern().isPresent()) {
            w.name("pattern").value(p.pattern().get().pattern());
        }
        if (p.min().isPresent()) {
            w.name("min").value(p.min().get());
        }
        if (p.max().isPresent()) {
            w.name("max").value(p.max().get());
        }
        w.endObject();
    }

    /** One run: {@code url} is relative to the hub's base URL. */
    void run(RunListing r, long now) throws IOException {
        w.beginObject().name("id").value(r.id()).name("url").value("runs/" + r.id() + "/")
                .name("job").value(r.launch().job()).name("state").value(r.state().wireName())
                .name("started").value(r.startedAt())
                .name("ended").value(r.endedAt() == 0 ? null : (Long) r.endedAt())
                .name("durationMs").value(duration(r, now));
        w.name("exit");
        ExitStatus x = r.exit();
        if (x == null) {
            w.nullValue();
        } else {
            w.beginObject().name("status").value(x.status()).name("code").value(x.code()).name("signal").value(x.signal())
                    .name("reason").value(x.reason()).name("message").value(x.message()).endObject();
        }
        w.name("startedBy").beginObject().name("operator").value(r.launch().operator())
                .name("remote").value(r.launch().remote()).endObject();
        w.name("params").beginObject();
        for (Map.Entry<String, String> p : r.launch().params().entrySet()) {
            w.name(p.getKey()).value(p.getValue());
        }
        w.endObject().endObject();
    }

    /** How long it ran, so far for a running run; null for one interrupted unseen (when it stopped is unknown). */
    private static Long duration(RunListing r, long now) {
        if (r.endedAt() != 0) {
            return r.endedAt() - r.startedAt();
        }
        return r.state() == RunState.RUNNING ? Math.max(0, now - r.startedAt()) : null;
    }

    void runs(List<RunListing> runs, long now) throws IOException {
        runs(runs, now, null);
    }

    /** {@code problem}: why the list may be out of date now (a relay that cannot read Redis), or null: then not written. */
    void runs(List<RunListing> runs, long now, String problem) throws IOException {
        w.beginObject().name("runs").beginArray();
        for (RunListing r : runs) {
            run(r, now);
        }
        w.endArray();
        if (problem != null) {
            w.name("problem").value(problem);
        }
        w.endObject();
    }
}
