package org.ssewatch.share.runs;

import java.time.Duration;
import org.ssewatch.share.JournalConfig;

/**
 * How the hub runs jobs.
 *
 * @param maxRunning runs of all jobs that may run at once ({@code --max-running}), at least 1
 * @param killAfter  how long a run has, after SIGTERM (cancel, timeout, shutdown), before SIGKILL
 * @param journal    each run's journal in memory; every event is also saved in its run directory
 * @param retention  which finished runs are removed
 */
public record HubLimits(int maxRunning, Duration killAfter, JournalConfig journal, Retention retention) {
    public HubLimits {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("--max-running must be at least 1");
        }
        if (killAfter.isNegative()) {
            throw new IllegalArgumentException("kill-after must not be negative");
        }
    }
}
