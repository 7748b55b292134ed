package org.ssewatch.redis;

import com.google.gson.JsonObject;
import java.util.Map;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.StartInfo;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;

/** A run's Redis hash read as the hub lists a run (its state from the exit event the publisher copied there, and stoppedBy). */
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
        // By the hub's own rule, with why it stopped the run (cancelled, timed out) as serve --publish wrote it.
        RunState state = RunState.of(exit, LaunchFields.stopFrom(hash), true);
        return new RunListing(id, LaunchFields.from(hash, start), state, started, ended, exit);
    }
}
