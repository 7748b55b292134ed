package org.ssewatch.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code ssewatch relay} that only a relay has: what it reads of Redis, and what it keeps. */
final class RelayOptions {
    static final Opt<Duration> LIST_EVERY = new Opt<>(Duration.class, "DURATION", false, "--list-every")
            .defaultValue("1s").converter(new HumanDuration())
            .description("Read the list of runs from Redis at most this often (500ms, 5s), for the hub page and "
                    + "api/runs of all viewers together: two round trips each time, and none while nobody looks. "
                    + "Default: ${DEFAULT-VALUE}.");
    static final Opt<Duration> EVICT_AFTER = new Opt<>(Duration.class, "DURATION", false, "--evict-after")
            .defaultValue("10m").converter(new HumanDuration())
            .description("Stop following a run, and free its memory, once no viewer has used it for this long "
                    + "(30s, 1h, forever); its next viewer follows it again from Redis, with the same bytes. "
                    + "Default: ${DEFAULT-VALUE}.");
    static final Opt<Integer> MAX_FOLLOWED = new Opt<>(int.class, "N", false, "--max-followed").defaultValue("100")
            .description("Follow at most N runs at once (each keeps up to 16,384 events, 16 MB, in memory); a "
                    + "request for one more stops following the run idle longest, or gets 503 if every run is "
                    + "being watched. Default: ${DEFAULT-VALUE}.");

    /** In the order --help lists them. */
    static final List<Opt<?>> ALL = List.of(LIST_EVERY, EVICT_AFTER, MAX_FOLLOWED);

    private RelayOptions() {
    }

    /** The usage errors that parsing does not catch. */
    static void check(CommandSpec spec) throws CliException {
        if (MAX_FOLLOWED.get(spec) < 1) {
            throw CliException.usage("--max-followed must be at least 1");
        }
        if (EVICT_AFTER.get(spec).toMillis() < 1) {
            throw CliException.usage("--evict-after must be at least 1ms (or forever)");
        }
    }
}
