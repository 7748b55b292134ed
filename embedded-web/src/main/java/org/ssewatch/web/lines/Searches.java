package org.ssewatch.web.lines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The searches running now: at most {@value #MAX_RUNNING} at once (each keeps a worker thread
 * and a core busy for up to its budget), and one per {@code viewer}, whose next search cancels
 * the one it still has running: a viewer typing on needs only the newest.
 */
final class Searches {
    static final int MAX_RUNNING = 4;

    private final Semaphore slots = new Semaphore(MAX_RUNNING);
    private final Map<String, Budget> byViewer = new ConcurrentHashMap<>();

    boolean begin(String viewer, Budget budget) {
        if (viewer != null) {
            Budget older = byViewer.put(viewer, budget);
            if (older != null) {
                older.cancelled.set(true);
            }
        }
        if (!slots.tryAcquire()) {
            if (viewer != null) {
                byViewer.remove(viewer, budget);
            }
            return false;
        }
        return true;
    }

    void end(String viewer, Budget budget) {
        if (viewer != null) {
            byViewer.remove(viewer, budget);
        }
        slots.release();
    }
}
