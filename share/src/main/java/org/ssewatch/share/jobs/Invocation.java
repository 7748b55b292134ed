package org.ssewatch.share.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to start for one run of a job, once its parameters are accepted: the argv (never to go
 * through a shell), where, with which added environment, for how long at most, and the values of
 * every parameter (defaults included), for the run's metadata and its page.
 */
public record Invocation(String job, List<String> argv, Map<String, String> params, Path dir,
        Map<String, String> env, Optional<Duration> timeout) {
    public Invocation {
        argv = List.copyOf(argv);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
