package org.ssewatch.share;

/** How a started command's output is read: begun after the run's start is recorded, drained after its exit. */
interface OutputCapture {
    void start();

    /** Waits for the output to end, or until {@code deadlineNanos} (System.nanoTime) when something still holds it open. */
    void drain(long deadlineNanos) throws InterruptedException;
}
