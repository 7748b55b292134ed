package org.ssewatch.share;

/** Something whose output ssewatch records: a command it runs, or its own standard input. */
public interface Runner {
    /** Records the whole run into the journal, start to exit, and returns how it ended. */
    ExitStatus run();

    /** Asks the run to end early (Ctrl-C, SIGTERM); safe to call from any thread, more than once. */
    void terminate();

    /** Ends the run now, without a grace period (a second Ctrl-C). */
    default void kill() {
        terminate();
    }
}
