package org.ssewatch.web.stream;

import org.xnio.XnioIoThread;

/** A connected viewer waiting for events: an SSE stream or a held long-poll. */
interface Viewer {
    /** The IO thread that owns the viewer's connection; every call below runs on it. */
    XnioIoThread ioThread();

    /** New events may be there. */
    void wake();

    /** Called every few seconds while parked: keep the connection alive, or give up on it. */
    void tick(long nowNanos);
}
