package org.ssewatch.share.runs;

/** A job's run that was not started because a limit is reached; the message says which, in one line. */
public final class LaunchRefusedException extends Exception {
    public LaunchRefusedException(String message) {
        super(message);
    }
}
