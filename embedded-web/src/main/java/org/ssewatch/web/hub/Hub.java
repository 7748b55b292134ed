package org.ssewatch.web.hub;

import org.ssewatch.share.jobs.Jobs;
import org.ssewatch.share.runs.JobLauncher;
import org.ssewatch.share.runs.RunStore;
import org.ssewatch.web.access.Operators;

/**
 * What the hub serves: the jobs, the runs and what starts them, and who may start them.
 *
 * @param operators who may start and cancel runs, or null: then nobody can from the web
 */
public record Hub(Jobs jobs, RunStore store, JobLauncher launcher, Operators operators) {
    public Hub {
        if (jobs == null || store == null || launcher == null) {
            throw new IllegalArgumentException("a hub has jobs, a store and a launcher");
        }
    }
}
