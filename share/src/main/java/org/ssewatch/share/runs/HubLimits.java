package org.ssewatch.share.runs;

import java.time.Duration;
import java.util.List;
import org.ssewatch.share.JournalConfig;

/**
 * How the hub runs jobs.
 *
 * @param maxRunning runs of all jobs that may run at once ({@code --max-running}), at least 1
 * @param killAfter  how long a run has, after SIGTERM (cancel, timeout, shutdown), before SIGKILL
 * @param journal    each run's journal in memory; every event is also saved in its run directory
 * @param retention  which finished runs are removed
 * @param masks      regular expressions masked in every run's output: the hub's own secrets, which its jobs
 *                   inherit with its environment (the Redis password of {@code serve --publish})
 */
public record HubLimits(int maxRunning, Duration killAfter, JournalConfig journal, Retention retention,
                        List<String> masks) {
    public HubLimits(int maxRunning, Duration killAfter, JournalConfig journal, Retention retention) {
        this(maxRunning, killAfter, journal, retention, List.of());
    }

    public HubLimits {
        masks = List.copyOf(masks);
        if (maxRunning < 1) {
            throw new IllegalArgumentException("--max-running must be at least 1");
        }
        if (killAfter.isNegative()) {
            throw new IllegalArgumentException("kill-after must not be negative");
        }
    }
}
