package org.ssewatch.share;

import java.util.function.Consumer;

/**
 * A run's events as its readers see them, wherever they are kept: the live {@link Journal} (memory
 * and spill file), a saved run's journal file ({@link SavedRun}), and later a stream in a shared
 * store. The server's endpoints read only through this, so they serve all of them alike.
 */
public interface ReadableJournal {
    /** The newest id, 0 before the first event. */
    long lastId();

    /** Whether the last event of the run is in: nothing will follow {@link #lastId}. */
    boolean isComplete();

    /**
     * The oldest id that is cheap to read (in memory); readers that frame the newest events for
     * everyone leave older ones to {@link #read}. Past {@link #lastId} when none is.
     */
    long oldestInMemory();

    /**
     * Delivers the events after {@code afterId}, in order, at most {@code maxEvents} of them and
     * stopping once {@code maxBytes} of payload have been delivered. Where events are no longer
     * retained, one {@code gap} event (id = the last missing id) stands for them. Any
     * {@code afterId} is safe: below 0 it means the whole run, past the newest there is nothing.
     *
     * @return the id of the last event delivered, or {@code afterId} (0 if negative) if none was
     */
    long read(long afterId, int maxEvents, long maxBytes, Consumer<Event> out);

    /**
     * {@link #read}, each event given to {@code out} until it says stop; a journal that reads a
     * file gives the payloads where they lie in its read buffer (see {@link EventSink}), so that
     * a reader of every event (a search) copies only those it keeps.
     *
     * @return the id of the last event given to {@code out}, or {@code afterId} (0 if negative) if none was
     */
    default long scan(long afterId, int maxEvents, long maxBytes, EventSink out) {
        boolean[] goOn = {true};
        long[] given = {Math.max(afterId, 0)};
        long read = read(afterId, maxEvents, maxBytes, e -> {
            if (goOn[0]) {
                goOn[0] = out.accept(e);
                given[0] = e.id();
            }
        });
        return goOn[0] ? read : given[0];
    }

    /**
     * Calls {@code listener} after every append, on the appending thread: it must be quick and must
     * not block (typically it schedules work elsewhere). A journal that takes no more events never calls it.
     */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
