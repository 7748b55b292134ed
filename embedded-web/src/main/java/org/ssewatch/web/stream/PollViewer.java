package org.ssewatch.web.stream;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ssewatch.share.Event;
import org.ssewatch.share.ReadableJournal;
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
    /**
     * How long a poll lets new events gather before it answers, when it finds (or is woken by) only
     * a few while the run goes on. Without this, a client polling in a loop is answered as soon as
     * one event exists and comes straight back: at 1,000 lines/s, 100 pollers made about 15,000
     * requests a second of 4-7 events each and cost a whole core. Wake-ups come {@code wakeDelay}
     * (5 ms) after the first new event, so a woken poll answers about 20 ms after it. The exit
     * event, a full batch, or a poll with {@code wait=0} is answered at once.
     */
    static final long BATCH_MILLIS = 15;

    private final HttpServerExchange exchange;
    private final Viewers viewers;
    private final ReadableJournal journal;
    private final long after;
    private final int max;
    private final long holdMillis;
    private XnioExecutor.Key timeout;
    private boolean answered;
    private boolean batching;

    PollViewer(HttpServerExchange exchange, Viewers viewers, long after, int max, long holdMillis) {
        this.exchange = exchange;
        this.viewers = viewers;
        this.journal = viewers.journal();
        this.after = after;
        this.max = max;
        this.holdMillis = holdMillis;
    }

    void start() {
        if (gather()) {
            return;
        }
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
        if (answered || batching) {
            return;
        }
        if (gather()) {
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

    /**
     * When a few new events are there and more are likely to follow (the run goes on, the batch is
     * not full), answers {@link #BATCH_MILLIS} later rather than now, with whatever came meanwhile.
     * A client polling in a loop is only ever a few events behind, so this is what keeps its
     * request rate down; a client that is far behind gets a full batch at once.
     */
    private boolean gather() {
        long last = journal.lastId();
        if (holdMillis == 0 || last <= after || journal.isComplete() || last - after >= max) {
            return false;
        }
        batching = true;
        exchange.getIoThread().executeAfter(this::answer, BATCH_MILLIS, TimeUnit.MILLISECONDS);
        return true;
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
        List<Event> events = new ArrayList<>();
        long last = journal.read(after, max, MAX_BYTES, events::add);
        boolean done = journal.isComplete() && last >= journal.lastId();
        ByteBuffer out = PollAnswer.encode(events, last, done);
        answered = true;
        leave();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(out);
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
