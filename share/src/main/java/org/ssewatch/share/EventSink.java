package org.ssewatch.share;

/**
 * Takes events as a journal reads them, each payload where it lies: {@code b[off, off + len)} is
 * the journal file's read buffer, valid only during the call and never to be modified, so that a
 * reader that looks at every event of a long run (a search) copies only those it keeps.
 */
@FunctionalInterface
public interface EventSink {
    /** One event; returns whether to go on (false: the read stops after it). */
    boolean accept(long id, String type, byte[] b, int off, int len);

    /** An event that already has its own array (from memory, a gap). */
    default boolean accept(Event e) {
        return accept(e.id(), e.type(), e.payload(), 0, e.payload().length);
    }

    /** A sink that gives {@code out} each event as an {@link Event} of its own, copying what lies in a buffer. */
    static EventSink copying(java.util.function.Consumer<Event> out) {
        return new EventSink() {
            @Override
            public boolean accept(long id, String type, byte[] b, int off, int len) {
                out.accept(new Event(id, type, java.util.Arrays.copyOfRange(b, off, off + len)));
                return true;
            }

            @Override
            public boolean accept(Event e) {
                out.accept(e);
                return true;
            }
        };
    }
}
