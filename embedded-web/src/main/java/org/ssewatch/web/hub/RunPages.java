package org.ssewatch.web.hub;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.RunStore;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.StreamOptions;

/**
 * A {@link StreamHandler} per run that was asked for, made on first request (a saved run's journal
 * is opened then), so a hub of a thousand runs opens none at start. Handlers of runs that the
 * store no longer has are closed. When a run this server started ends and is served from disk
 * ({@link HubRun#release}), its page's handler is replaced by one over the saved run; the old one,
 * over the journal in memory, is kept for the viewers on it (they read on to the exit event, with
 * the ids they had) and closed, with that journal, once none is left and a grace has passed for
 * requests still reading it (a log.txt being downloaded).
 */
final class RunPages {
    /** How long an old handler is kept after its swap, at least: what a request already on it may take. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final RunStore store;
    private final StreamOptions options;
    private final Duration grace;
    private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
    private final List<Retiring> retiring = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssewatch-run-pages");
        t.setDaemon(true);
        return t;
    });

    private record Retiring(HubRun run, StreamHandler handler, long since) {
    }

    RunPages(RunStore store, StreamOptions options) {
        this(store, options, GRACE);
    }

    RunPages(RunStore store, StreamOptions options, Duration grace) {
        this.store = store;
        this.options = options;
        this.grace = grace;
        timer.scheduleWithFixedDelay(this::retireIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** The handler of {@code run}. */
    StreamHandler of(HubRun run) throws IOException {
        StreamHandler h = handlers.get(run.id());
        if (h != null) {
            return h;
        }
        synchronized (this) {
            h = handlers.get(run.id());
            if (h == null) {
                h = new StreamHandler(run.run(), options);
                handlers.put(run.id(), h);
            }
            return h;
        }
    }

    /** After a change of the run list: closes the handlers of removed runs, moves released runs to disk. */
    synchronized void prune() {
        handlers.entrySet().removeIf(e -> {
            boolean gone = store.find(e.getKey()).isEmpty();
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
        for (HubRun run : store.list()) {
            if (!run.hasRetired() || retiring.stream().anyMatch(r -> r.run() == run)) {
                continue;
            }
            StreamHandler old = handlers.get(run.id());
            if (old == null) {
                run.closeRetired(); // nobody looked at it live; its saved run is opened on the first request
                continue;
            }
            org.ssewatch.share.Run saved;
            try {
                saved = run.run();
            } catch (IOException e) {
                continue; // its saved run cannot be opened now: the viewers stay on the live journal
            }
            if (old.run() == saved) {
                run.closeRetired(); // already made over the saved run, by a request after the release
                continue;
            }
            handlers.put(run.id(), new StreamHandler(saved, options));
            retiring.add(new Retiring(run, old, System.nanoTime()));
        }
        retireIdle();
    }

    /** Closes the old handlers that no viewer is on any more, past the grace, and their journals. */
    private synchronized void retireIdle() {
        long now = System.nanoTime();
        retiring.removeIf(r -> {
            boolean idle = r.handler().viewerCount() == 0 && now - r.since() >= grace.toNanos();
            if (idle) {
                r.handler().close();
                r.run().closeRetired();
            }
            return idle;
        });
    }

    synchronized void close() {
        timer.shutdownNow();
        handlers.values().forEach(StreamHandler::close);
        handlers.clear();
        retiring.forEach(r -> r.handler().close());
        retiring.clear();
    }
}
