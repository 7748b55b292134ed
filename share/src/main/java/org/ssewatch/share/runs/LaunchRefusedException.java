package org.ssewatch.share.runs;

/** A job's run that was not started because a limit is reached; the message says which, in one line. */
public final class LaunchRefusedException extends Exception {
    /** Which limit refused it. */
    public enum Limit {
        /** The job's {@code concurrency}. */
        JOB,
        /** The hub's {@code --max-running}, or the hub is stopping. */
        SERVER,
        /** The hub's {@code --max-disk}, with only running runs left to remove. */
        DISK
    }

    private final Limit limit;

    public LaunchRefusedException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
