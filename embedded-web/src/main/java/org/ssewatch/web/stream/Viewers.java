package org.ssewatch.web.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.web.StreamOptions;
import org.xnio.XnioIoThread;

/**
 * The viewers of one journal. A viewer that has caught up parks here; an append schedules one
 * wake-up (at most one is pending at a time, {@code wakeDelay} after the first append), which hands
 * every parked viewer back to its IO thread in one task per thread. Viewers hold only a cursor, so
 * nothing here grows with how far behind they are.
 *
 * <p>Lost wake-ups are impossible because a viewer parks first and looks at the journal again
 * afterwards, and the wake task clears its flag before taking the parked set.
 */
final class Viewers implements AutoCloseable {
    /** Viewers beyond which wake-ups are spaced further apart; see {@link #wakeDelay}. */
    static final int CROWD = 250;
    /** The shared frames of the newest events: ~2,000 short lines, ~250 of 1 KiB. */
    static final int RECENT_FRAME_BYTES = 256 * 1024;

    private final ReadableJournal journal;
    private final RecentFrames recentFrames;
    private final long wakeDelayNanos;
    private final int maxViewers;
    private final Set<Viewer> parked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicInteger connected = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final Runnable onAppend = this::appended;

    Viewers(ReadableJournal journal, StreamOptions options) {
        this.journal = journal;
        this.recentFrames = new RecentFrames(journal, RECENT_FRAME_BYTES);
        this.wakeDelayNanos = options.wakeDelay().toNanos();
        this.maxViewers = options.maxViewers();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "ssewatch-viewers");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        timer.scheduleWithFixedDelay(this::tickAll, 1, 1, TimeUnit.SECONDS);
        journal.addListener(onAppend);
    }

    ReadableJournal journal() {
        return journal;
    }

    RecentFrames recentFrames() {
        return recentFrames;
    }

    /** Counts a new viewer in, or returns false when there are {@code maxViewers} already. */
    boolean admit() {
        while (true) {
            int n = connected.get();
            if (n >= maxViewers) {
                return false;
            }
            if (connected.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void leave(Viewer v) {
        parked.remove(v);
        connected.decrementAndGet();
    }

    int count() {
        return connected.get();
    }

    /**
     * Parks {@code v} until events after {@code cursor} exist; returns false (not parked) when they
     * exist already or the journal is complete, so the caller carries on itself.
     */
    boolean park(Viewer v, long cursor) {
        parked.add(v);
        if (journal.lastId() > cursor || journal.isComplete()) {
            parked.remove(v);
            return false;
        }
        return true;
    }

    void unpark(Viewer v) {
        parked.remove(v);
    }

    private void appended() {
        if (!parked.isEmpty() && wakeScheduled.compareAndSet(false, true)) {
            long delay = wakeDelay(connected.get());
            if (delay == 0) {
                timer.execute(this::wakeAll);
            } else {
                timer.schedule(this::wakeAll, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * The wake delay for {@code viewers} connected: {@code wakeDelay} up to {@value #CROWD} of
     * them, then longer in proportion, up to four times as long. Each wake-up costs a write per
     * viewer; with a crowd those writes are most of the CPU time, and fewer, larger ones leave the
     * machine the headroom that keeps the latency tail short.
     */
    long wakeDelay(int viewers) {
        if (viewers <= CROWD) {
            return wakeDelayNanos;
        }
        return Math.min(4 * wakeDelayNanos, wakeDelayNanos * viewers / CROWD);
    }

    private void wakeAll() {
        wakeScheduled.set(false);
        for (Map.Entry<XnioIoThread, List<Viewer>> e : takeParked().entrySet()) {
            List<Viewer> batch = e.getValue();
            e.getKey().execute(() -> batch.forEach(Viewer::wake));
        }
    }

    private Map<XnioIoThread, List<Viewer>> takeParked() {
        Map<XnioIoThread, List<Viewer>> byThread = new HashMap<>();
        for (Viewer v : parked) {
            if (parked.remove(v)) {
                byThread.computeIfAbsent(v.ioThread(), t -> new ArrayList<>()).add(v);
            }
        }
        return byThread;
    }

    private void tickAll() {
        long now = System.nanoTime();
        Map<XnioIoThread, List<Viewer>> byThread = new HashMap<>();
        for (Viewer v : parked) {
            byThread.computeIfAbsent(v.ioThread(), t -> new ArrayList<>()).add(v);
        }
        byThread.forEach((thread, batch) -> thread.execute(() -> batch.forEach(v -> v.tick(now))));
    }

    /** Schedules {@code task} on the viewers' timer (poll time-outs). */
    java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(task, delay, unit);
    }

    @Override
    public void close() {
        journal.removeListener(onAppend);
        timer.shutdownNow();
    }
}
