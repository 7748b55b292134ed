package org.ssewatch.web.hub;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.RunStore;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.StreamOptions;

/**
 * A {@link StreamHandler} per run that was asked for, made on first request (a saved run's journal
 * is opened then), so a hub of a thousand runs opens none at start. Handlers of runs that the
 * store no longer has are closed.
 */
final class RunPages {
    private final RunStore store;
    private final StreamOptions options;
    private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();

    RunPages(RunStore store, StreamOptions options) {
        this.store = store;
        this.options = options;
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

    /** Closes the handlers of removed runs. */
    synchronized void prune() {
        handlers.entrySet().removeIf(e -> {
            boolean gone = store.find(e.getKey()).isEmpty();
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
    }

    synchronized void close() {
        handlers.values().forEach(StreamHandler::close);
        handlers.clear();
    }
}
