package org.ssewatch.redis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssewatch.share.Launch;
import org.ssewatch.share.StartInfo;
import org.ssewatch.share.Stop;

/**
 * A hub run's launch (its job, parameters and who started it) as fields of the run's Redis hash
 * (docs/redis.md, "Keys"): {@code job}, {@code params} (a JSON object) and {@code startedBy}
 * ({@code {"operator","remote"}}), and at its end, if the hub ended it early, {@code stoppedBy}
 * ({@code {"reason","operator"}}), as run.json has them. {@code ssewatch serve --publish} writes
 * them; a relay reads them back to list the run as the hub does (cancelled, timed out).
 */
public final class LaunchFields {
    static final String JOB = "job";
    static final String PARAMS = "params";
    static final String STARTED_BY = "startedBy";
    static final String STOPPED_BY = "stoppedBy";

    private LaunchFields() {
    }

    /** The fields to register a run started as {@code launch} with. */
    public static Map<String, String> of(Launch launch) {
        JsonObject params = new JsonObject();
        launch.params().forEach(params::addProperty);
        JsonObject by = new JsonObject();
        by.addProperty("operator", launch.operator());
        by.addProperty("remote", launch.remote());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(JOB, launch.job());
        fields.put(PARAMS, params.toString());
        fields.put(STARTED_BY, by.toString());
        return fields;
    }

    /** The fields to write with the exit of a run the hub ended early for {@code stop}; none if it did not (null). */
    public static Map<String, String> of(Stop stop) {
        if (stop == null) {
            return Map.of();
        }
        JsonObject why = new JsonObject();
        why.addProperty("reason", stop.reason());
        why.addProperty("operator", stop.operator());
        return Map.of(STOPPED_BY, why.toString());
    }

    /** Why the hub ended the run early, from {@code hash}; null if it did not, or for a reason this version does not know. */
    static Stop stopFrom(Map<String, String> hash) {
        String by = hash.get(STOPPED_BY);
        if (by == null) {
            return null;
        }
        JsonObject why = RunFacts.json(by);
        String reason = RunFacts.string(why, "reason");
        if (!Stop.CANCELLED.equals(reason) && !Stop.TIMEOUT.equals(reason) && !Stop.SHUTDOWN.equals(reason)) {
            return null;
        }
        return new Stop(reason, RunFacts.string(why, "operator"));
    }

    /** A plain run's name in a hub's list: its title, its command line, or what a pipe is. */
    private static String name(StartInfo start) {
        if (start == null) {
            return "?";
        }
        if (start.title() != null && !start.title().isEmpty()) {
            return start.title();
        }
        String command = String.join(" ", start.command());
        return command.isEmpty() ? "(standard input)" : command;
    }

    /**
     * The launch that {@code hash} holds. A run not started by a hub (a plain {@code --publish}) has
     * none: it is listed under its title, or else its command line (a pipe's, which has none:
     * {@code (standard input)}), in place of a job's name.
     */
    static Launch from(Map<String, String> hash, StartInfo start) {
        String job = hash.get(JOB);
        if (job == null || job.isEmpty()) {
            return new Launch(name(start), Map.of(), null, null);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String p = hash.get(PARAMS);
        if (p != null) {
            for (Map.Entry<String, JsonElement> e : RunFacts.json(p).entrySet()) {
                params.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsString());
            }
        }
        String by = hash.get(STARTED_BY);
        JsonObject who = by == null ? new JsonObject() : RunFacts.json(by);
        return new Launch(job, params, RunFacts.string(who, "operator"), RunFacts.string(who, "remote"));
    }
}
