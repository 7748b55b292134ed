package org.ssewatch.share;

/** How a started command's output is read: begun after the run's start is recorded, drained after its exit. */
interface OutputCapture {
    void start();

    /** Waits for the output to end, or until {@code deadlineNanos} (System.nanoTime) when something still holds it open. */
    void drain(long deadlineNanos) throws InterruptedException;

    /**
     * Returns once what was in the output pipes when it was called has been recorded, so that an
     * event the command sent after a line comes after that line in the journal. The default cannot
     * tell (streams whose pipes are not ssewatch's own: a pseudo-terminal) and returns at once.
     */
    default void caughtUp() throws InterruptedException {
    }
}
