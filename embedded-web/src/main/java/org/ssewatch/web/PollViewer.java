package org.ssewatch.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ssewatch.share.Journal;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One long-poll: answers at once with the events after its cursor, or waits for some (up to its
 * hold time) and then answers, with an empty batch if none came. Runs on its IO thread.
 */
final class PollViewer implements Viewer {
    static final int MAX_EVENTS = 1000;
    static final long MAX_BYTES = 1 << 20;

    private final HttpServerExchange exchange;
    private final Viewers viewers;
    private final Journal journal;
    private final long after;
    private final int max;
    private final long holdMillis;
    private XnioExecutor.Key timeout;
    private boolean answered;

    PollViewer(HttpServerExchange exchange, Viewers viewers, long after, int max, long holdMillis) {
        this.exchange = exchange;
        this.viewers = viewers;
        this.journal = viewers.journal();
        this.after = after;
        this.max = max;
        this.holdMillis = holdMillis;
    }

    void start() {
        if (tryAnswer()) {
            return;
        }
        if (holdMillis == 0 || !viewers.park(this, after)) {
            answer();
            return;
        }
        // No close listener: on a kept-alive connection they would pile up, one per poll. A hang-up
        // frees the place at once (HTTP/1.1); otherwise the poll holds it until the timeout.
        timeout = exchange.getIoThread().executeAfter(this::expire, holdMillis, TimeUnit.MILLISECONDS);
        HangUpWatch.start(exchange, this::hungUp);
    }

    @Override
    public XnioIoThread ioThread() {
        return exchange.getIoThread();
    }

    @Override
    public void wake() {
        if (answered) {
            return;
        }
        if (!tryAnswer() && !viewers.park(this, after)) {
            answer();
        }
    }

    @Override
    public void tick(long nowNanos) {
        // The hold time is bounded by the timeout; nothing to keep alive.
    }

    private void hungUp() {
        if (!answered) {
            viewers.unpark(this);
            if (timeout != null) {
                timeout.remove();
            }
            leave();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void expire() {
        if (!answered) {
            viewers.unpark(this);
            answer();
        }
    }

    /** Answers if there is anything to say: events, or that the run is over. */
    private boolean tryAnswer() {
        if (journal.lastId() > after || journal.isComplete()) {
            answer();
            return true;
        }
        return false;
    }

    private void answer() {
        if (answered) {
            return;
        }
        if (timeout != null) {
            timeout.remove();
        }
        HangUpWatch.stop(exchange);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.writeBytes("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
        boolean[] first = {true};
        long last = journal.read(after, max, MAX_BYTES, e -> {
            if (!first[0]) {
                out.write(',');
            }
            first[0] = false;
            out.writeBytes(("{\"id\":" + e.id() + ",\"type\":\"" + e.type() + "\",\"data\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(e.payload());
            out.write('}');
        });
        boolean done = journal.isComplete() && last >= journal.lastId();
        out.writeBytes(("],\"last\":" + last + ",\"done\":" + done + "}").getBytes(StandardCharsets.US_ASCII));
        answered = true;
        leave();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(out.toByteArray()));
    }

    private boolean left;

    private void leave() {
        if (!left) {
            left = true;
            answered = true;
            viewers.leave(this);
        }
    }
}
