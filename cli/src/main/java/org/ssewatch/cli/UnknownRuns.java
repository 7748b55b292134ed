package org.ssewatch.cli;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run ids a relay was asked for and Redis did not have, each remembered for {@link #FOR}, so
 * that a client asking again and again for a run that is not there (a dead link reloaded, a poller
 * of a run whose keys expired, a scan repeating made-up ids) costs Redis one {@code ZSCORE} per id
 * per second, whatever the request rate. Short, because a publisher registers its run moments
 * after it prints the id: a viewer that came too early gets the run on a reload a second later.
 * At most {@link #MAX} ids are kept, the oldest let go first, so a scan of ever new ids costs
 * memory bounded and one lookup per request (what its request costs the relay anyway).
 */
final class UnknownRuns {
    static final Duration FOR = Duration.ofSeconds(1);
    static final int MAX = 4096;

    /** Id to when it stops counting as unknown (nanoTime), oldest first: they all live {@link #FOR}. */
    private final LinkedHashMap<String, Long> until = new LinkedHashMap<>();

    /** Whether Redis said, less than {@link #FOR} before {@code now}, that it has no run {@code id}. */
    synchronized boolean missing(String id, long now) {
        expire(now);
        return until.containsKey(id);
    }

    /** Redis has no run {@code id} at {@code now}. */
    synchronized void remember(String id, long now) {
        expire(now);
        until.remove(id);
        if (until.size() >= MAX) {
            Iterator<String> oldest = until.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        until.put(id, now + FOR.toNanos());
    }

    synchronized int size() {
        return until.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> it = until.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue() >= 0) {
            it.remove();
        }
    }
}
