package org.ssewatch.share;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Makes text that has no newline yet (a prompt, a progress bar) visible: every
 * {@value #TICK_MILLIS} ms it asks each decoder to send its open line if that has waited
 * {@value #MIN_AGE_MILLIS} ms. This also caps partial updates at about ten a second per stream,
 * however fast a progress bar redraws.
 */
final class PartialLineTicker implements AutoCloseable {
    static final long TICK_MILLIS = 25;
    static final long MIN_AGE_MILLIS = 100;

    private final List<LineDecoder> decoders = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    PartialLineTicker() {
        thread = new Thread(this::tick, "ssewatch-partial-lines");
        thread.setDaemon(true);
        thread.start();
    }

    void add(LineDecoder decoder) {
        decoders.add(decoder);
    }

    void remove(LineDecoder decoder) {
        decoders.remove(decoder);
    }

    private void tick() {
        long minAge = TimeUnit.MILLISECONDS.toNanos(MIN_AGE_MILLIS);
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (LineDecoder d : decoders) {
                d.flushPartial(now, minAge);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
