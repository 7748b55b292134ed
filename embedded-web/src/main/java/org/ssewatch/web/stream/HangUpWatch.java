package org.ssewatch.web.stream;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;

/**
 * Notices at once when an HTTP/1.1 viewer hangs up while its response is held open (an event
 * stream, a held poll), so its place under {@code --max-viewers} is free again at once rather than
 * at the next heartbeat. While a handler holds a request, Undertow reads nothing more from the
 * connection; this watches it instead. Browsers send nothing more on a connection until its
 * response is complete, so anything read here (end of stream, or bytes: a client that pipelines
 * on a held response) is taken as a hang-up and the connection is closed.
 *
 * <p>Over HTTP/2 the connection is shared by many streams and not watched here; a stream the
 * browser resets is noticed when the next heartbeat cannot be written.
 */
public final class HangUpWatch {
    private HangUpWatch() {
    }

    /**
     * Readies a response that is to be held open for a connection that has more bytes after the
     * request (pipelined, or a body): it will not be kept alive, and those bytes are dropped. A
     * held response never ends to let Undertow answer them, and while they wait unread nothing
     * could tell whether the client is still there: such connections were never watched, and held
     * their places for good. Without them the connection is watched like any other, and the client
     * learns from {@code Connection: close} that its other requests were not answered. Call it
     * before the response channel is taken, which fixes the framing.
     */
    static void prepare(HttpServerExchange ex) {
        if (ex.getConnection() instanceof HttpServerConnection c && c.getExtraBytes() != null) {
            ex.setPersistent(false);
            c.getExtraBytes().close();
            c.setExtraBytes(null);
        }
    }

    /**
     * Runs {@code onHangUp} on the exchange's IO thread when the client closes the connection
     * (or sends anything more). Prepares the exchange first, if that was not done yet: unread
     * pipelined bytes would be read here as a hang-up.
     */
    public static void start(HttpServerExchange ex, Runnable onHangUp) {
        if (!(ex.getConnection() instanceof HttpServerConnection c)) {
            return;
        }
        prepare(ex);
        StreamSourceChannel source = c.getChannel().getSourceChannel();
        ByteBuffer one = ByteBuffer.allocate(1);
        source.getReadSetter().set(ch -> {
            int n;
            try {
                one.clear();
                n = ch.read(one);
            } catch (IOException e) {
                n = -1;
            }
            if (n != 0) {
                ch.getReadSetter().set(null);
                ch.suspendReads();
                onHangUp.run();
            }
        });
        source.resumeReads();
    }

    /** Stops watching, before the response completes and Undertow reads the next request. */
    public static void stop(HttpServerExchange ex) {
        if (ex.getConnection() instanceof HttpServerConnection c) {
            StreamSourceChannel source = c.getChannel().getSourceChannel();
            source.getReadSetter().set(null);
            source.suspendReads();
        }
    }
}
