package org.ssewatch.web.stream;

import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LogText;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * One {@code log.txt?follow=1}: the log as text, then each line as it is finished, until the run
 * ends (a {@code tail -f} for curl). Like an event stream it holds a cursor and at most one batch
 * of text that the socket has not taken yet, so a slow reader just falls behind. Lines are written
 * as they finish, so a piece of a line split at {@code --max-line} is a line of its own here.
 * Runs on its IO thread.
 */
final class LogFollower implements Viewer {
    private static final int MAX_EVENTS_PER_FILL = 512;
    private static final long MAX_BYTES_PER_FILL = 64 * 1024;

    private final HttpServerExchange exchange;
    private final StreamSinkChannel channel;
    private final Viewers viewers;
    private final ReadableJournal journal;
    private final boolean keepAnsi;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private long cursor;
    /** Text read from the journal that the socket has not taken yet. */
    private ByteBuffer pending;
    private boolean closed;

    LogFollower(HttpServerExchange exchange, Viewers viewers, boolean keepAnsi) {
        this.exchange = exchange;
        HangUpWatch.prepare(exchange);
        this.channel = exchange.getResponseChannel();
        this.viewers = viewers;
        this.journal = viewers.journal();
        this.keepAnsi = keepAnsi;
    }

    void start() {
        exchange.getConnection().addCloseListener(c -> close());
        HangUpWatch.start(exchange, this::close);
        channel.getWriteSetter().set(ch -> {
            ch.suspendWrites();
            pump();
        });
        pump();
    }

    @Override
    public XnioIoThread ioThread() {
        return exchange.getIoThread();
    }

    @Override
    public void wake() {
        if (!closed) {
            pump();
        }
    }

    @Override
    public void tick(long nowNanos) {
        // Plain text has no heartbeat; the idle timeout is minutes, and a reader of a quiet run
        // learns of a dead connection when the next line cannot be written.
    }

    private void pump() {
        try {
            while (!closed) {
                if (pending != null) {
                    while (pending.hasRemaining()) {
                        if (channel.write(pending) == 0) {
                            channel.resumeWrites();
                            return;
                        }
                    }
                    pending = null;
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
                if (viewers.park(this, cursor)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Reads the next batch of events into text; false if there were none after the cursor. */
    private boolean fill() {
        long before = cursor;
        text.reset();
        cursor = journal.read(cursor, MAX_EVENTS_PER_FILL, MAX_BYTES_PER_FILL, this::accept);
        if (text.size() > 0) {
            pending = ByteBuffer.wrap(text.toByteArray());
        }
        return cursor != before;
    }

    private void accept(Event e) {
        String out = null;
        if (EventTypes.GAP.equals(e.type())) {
            out = LogText.gap(e);
        } else {
            LineEvent l = LineEvent.of(e);
            if (l != null && !l.partial()) {
                out = LogText.text(l, keepAnsi);
            }
        }
        if (out != null) {
            text.writeBytes(out.getBytes(StandardCharsets.UTF_8));
            text.write('\n');
        }
    }

    /** Everything up to the exit event is written: end the response, which ends curl. */
    private void finish() throws IOException {
        HangUpWatch.stop(exchange);
        ResponseEnd.afterFlush(channel, this::done, this::close);
    }

    private void done() {
        if (!closed) {
            closed = true;
            viewers.leave(this);
            exchange.endExchange();
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        viewers.leave(this);
        IoUtils.safeClose(exchange.getConnection());
    }
}
