package org.ssewatch.web.stream;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.ssewatch.share.Event;
import org.ssewatch.share.ReadableJournal;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * One viewer's event stream: a cursor into the journal, and a pooled buffer borrowed only while
 * there is something to write. Frames are encoded from the journal into the buffer as the socket
 * takes them, so a slow viewer just falls behind; nothing is queued for it. Runs on its IO thread.
 */
final class SseConnection implements Viewer {
    private static final int MAX_EVENTS_PER_FILL = 512;
    /**
     * The kernel's send buffer for a stream's socket (Linux doubles what is asked: 256 KiB). Left
     * to itself it grows to net.ipv4.tcp_wmem's maximum (4 MiB here) for a viewer that does not
     * read, all of it framed and copied before the socket is full: 200 such viewers made a flood
     * of 400,000 lines cost ssewatch 3 s of CPU instead of 0.35 s and slowed the command (bench
     * {@code stuck}). This much still carries 5 MB/s at a 50 ms round trip, far more than a browser
     * renders.
     */
    static final int SEND_BUFFER_BYTES = 128 * 1024;

    private final HttpServerExchange exchange;
    private final StreamSinkChannel channel;
    private final Viewers viewers;
    private final ReadableJournal journal;
    private final RecentFrames recentFrames;
    private final long heartbeatNanos;
    private final Consumer<Event> take = this::accept;
    /** Read from the journal but not yet written: it did not fit in the buffer. */
    private Event carried;
    private long cursor;
    private PooledByteBuffer pooled;
    /** A frame larger than the pooled buffer, written on its own. */
    private ByteBuffer oversized;
    private long lastWrite = System.nanoTime();
    private boolean parked;
    private boolean closed;

    SseConnection(HttpServerExchange exchange, Viewers viewers, long afterId, long heartbeatNanos) {
        this.exchange = exchange;
        HangUpWatch.prepare(exchange);
        this.channel = exchange.getResponseChannel();
        this.viewers = viewers;
        this.journal = viewers.journal();
        this.recentFrames = viewers.recentFrames();
        this.cursor = afterId;
        this.heartbeatNanos = heartbeatNanos;
    }

    void start(byte[] preamble) {
        capSendBuffer();
        exchange.getConnection().addCloseListener(c -> close());
        HangUpWatch.start(exchange, this::close);
        channel.getWriteSetter().set(ch -> {
            ch.suspendWrites();
            pump();
        });
        oversized = ByteBuffer.wrap(preamble);
        pump();
    }

    /** HTTP/1.1 only: an HTTP/2 connection carries other streams too, and its page's assets. */
    private void capSendBuffer() {
        if (exchange.getConnection() instanceof HttpServerConnection c) {
            try {
                c.getChannel().setOption(Options.SEND_BUFFER, SEND_BUFFER_BYTES);
            } catch (IOException | IllegalArgumentException e) {
                // The kernel's default then; the stream works as before.
            }
        }
    }

    @Override
    public XnioIoThread ioThread() {
        return exchange.getIoThread();
    }

    @Override
    public void wake() {
        if (!closed) {
            parked = false;
            pump();
        }
    }

    @Override
    public void tick(long nowNanos) {
        if (closed || !parked || nowNanos - lastWrite < heartbeatNanos) {
            return;
        }
        viewers.unpark(this);
        parked = false;
        oversized = ByteBuffer.wrap(SseFrames.HEARTBEAT);
        pump();
    }

    private void pump() {
        try {
            while (!closed) {
                if (!writePending()) {
                    channel.resumeWrites();
                    return;
                }
                if (fill()) {
                    continue;
                }
                if (journal.isComplete() && cursor >= journal.lastId()) {
                    finish();
                    return;
                }
                if (!channel.flush()) {
                    channel.resumeWrites();
                    return;
                }
                release();
                if (viewers.park(this, cursor)) {
                    parked = true;
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Writes what is buffered; false if the socket is full. */
    private boolean writePending() throws IOException {
        if (pooled != null && pooled.getBuffer().hasRemaining() && !write(pooled.getBuffer())) {
            return false;
        }
        if (oversized != null) {
            if (!write(oversized)) {
                return false;
            }
            oversized = null;
        }
        return true;
    }

    private boolean write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                return false;
            }
        }
        lastWrite = System.nanoTime();
        return true;
    }

    /**
     * Puts the next events' frames into the buffer; false if there were none. A viewer that keeps
     * up copies them from the frames shared by all viewers; otherwise events are read from the
     * journal in batches (history in the spill file is read sequentially) and encoded here, the
     * first one that does not fit carried to the next fill, any after it simply read again then.
     */
    private boolean fill() {
        if (pooled == null) {
            pooled = exchange.getConnection().getByteBufferPool().allocate();
        }
        ByteBuffer buf = pooled.getBuffer();
        buf.clear();
        long before = cursor;
        if (carried == null) {
            cursor = recentFrames.copy(cursor, buf);
            if (cursor != before) {
                buf.flip();
                return true;
            }
        } else {
            Event e = carried;
            carried = null;
            accept(e);
        }
        if (carried == null) {
            journal.read(cursor, MAX_EVENTS_PER_FILL, buf.remaining(), take);
        }
        if (carried != null && cursor == before) {
            // A single frame larger than the whole buffer: write it on its own.
            oversized = ByteBuffer.wrap(SseFrames.frame(carried));
            cursor = carried.id();
            carried = null;
        }
        buf.flip();
        return cursor != before || oversized != null;
    }

    private void accept(Event e) {
        if (carried != null) {
            return;
        }
        ByteBuffer buf = pooled.getBuffer();
        if (SseFrames.size(e) <= buf.remaining()) {
            SseFrames.write(e, buf);
            cursor = e.id();
        } else {
            carried = e;
        }
    }

    /** Everything up to the exit event is written: end the response so the browser sees the end. */
    private void finish() throws IOException {
        HangUpWatch.stop(exchange);
        release();
        ResponseEnd.afterFlush(channel, this::done, this::close);
    }

    private void done() {
        if (!closed) {
            closed = true;
            viewers.leave(this);
            exchange.endExchange();
        }
    }

    private void release() {
        if (pooled != null) {
            pooled.close();
            pooled = null;
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        viewers.leave(this);
        release();
        IoUtils.safeClose(exchange.getConnection());
    }
}
