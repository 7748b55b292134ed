package org.ssewatch.share.runs;

import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Launch;

/**
 * One run as the hub lists it: what {@code GET api/runs} gives per run.
 *
 * @param id        its id, also its directory's name
 * @param launch    its job, parameters, operator and address
 * @param state     where it stands
 * @param startedAt milliseconds since the epoch
 * @param endedAt   milliseconds since the epoch, 0 while it runs (or when it was interrupted unseen)
 * @param exit      how it ended, or null
 */
public record RunListing(String id, Launch launch, RunState state, long startedAt, long endedAt, ExitStatus exit) {
}
