package org.ssewatch.redis;

import com.google.gson.JsonObject;
import java.util.Map;
import org.ssewatch.share.ExitReason;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.StartInfo;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;

/** A run's Redis hash read as the hub lists a run (its state from the exit event the publisher copied there). */
final class PublishedRun {
    private PublishedRun() {
    }

    /** Run {@code id} as {@code hash} has it; {@code score}, when it started, stands in for a hash without it. */
    static RunListing listing(String id, long score, Map<String, String> hash) {
        StartInfo start = hash.containsKey("start") ? RunFacts.startOf(RunFacts.json(hash.get("start"))) : null;
        long started = hash.containsKey("started") ? Long.parseLong(hash.get("started")) : score;
        ExitStatus exit = null;
        long ended = 0;
        if (hash.containsKey("exit")) {
            JsonObject x = RunFacts.json(hash.get("exit"));
            exit = RunFacts.exitOf(x);
            ended = x.get("time").getAsLong();
        }
        return new RunListing(id, LaunchFields.from(hash, start), state(exit), started, ended, exit);
    }

    /**
     * A hub also says cancelled or timed out, from why it stopped the run; that is not in Redis, so such
     * a run is listed by how it ended (by a signal: failed).
     */
    private static RunState state(ExitStatus exit) {
        if (exit == null) {
            return RunState.RUNNING;
        }
        if (exit.kind() == ExitReason.INTERRUPTED) {
            return RunState.INTERRUPTED;
        }
        return exit.status() == 0 ? RunState.SUCCEEDED : RunState.FAILED;
    }
}
