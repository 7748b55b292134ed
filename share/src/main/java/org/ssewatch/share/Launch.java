package org.ssewatch.share;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who started a job's run from the hub, and with what (docs/RUN-FORMAT.md, {@code job},
 * {@code params} and {@code startedBy}): a run started from a terminal has none.
 *
 * @param job      the job's name in the jobs file
 * @param params   every parameter's value, defaults included, in the file's order
 * @param operator the operator who started it, or null when the server started it by itself
 * @param remote   the address the request came from, or null
 */
public record Launch(String job, Map<String, String> params, String operator, String remote) {
    public Launch {
        if (job == null || job.isEmpty()) {
            throw new IllegalArgumentException("a launch names its job");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
