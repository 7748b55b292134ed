package org.ssewatch.share;

/**
 * The unit that lasts: a run's metadata and its journal. The live {@link Recorder} is one, a saved
 * run directory ({@link SavedRun}) another; the server serves either through this.
 */
public interface Run {
    ReadableJournal journal();

    /** What the {@code start} event says, or null before it. */
    StartInfo startInfo();

    /** Milliseconds since the epoch when the run started, 0 before. */
    long startedAt();

    /** Milliseconds since the epoch when it ended, 0 while it runs. */
    long endedAt();

    /** How the run ended, or null while it runs. */
    ExitStatus exitStatus();

    /** Lines finished on a stream (partial updates and split pieces not counted). */
    long lineCount(String type);

    /** Where each line's events are, for reading the run by line number. */
    LineIndex lineIndex();

    /** Where the events that are not lines are, for reading them without the lines between. */
    MarkIndex marks();

    /**
     * Why the run's new events cannot be read now (a relay that lost its Redis: viewers stay
     * connected and get them once it is back), or null; {@code api/status} says it as {@code source}.
     */
    default String sourceProblem() {
        return null;
    }

    /** The job, parameters and operator of a run the hub started, or null for any other run. */
    default Launch launch() {
        return null;
    }
}
