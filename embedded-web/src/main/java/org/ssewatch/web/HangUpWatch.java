package org.ssewatch.web;

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
final class HangUpWatch {
    private HangUpWatch() {
    }

    /** Runs {@code onHangUp} on the exchange's IO thread when the client closes the connection. */
    static void start(HttpServerExchange ex, Runnable onHangUp) {
        if (!(ex.getConnection() instanceof HttpServerConnection c) || c.getExtraBytes() != null) {
            return;
        }
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
    static void stop(HttpServerExchange ex) {
        if (ex.getConnection() instanceof HttpServerConnection c) {
            StreamSourceChannel source = c.getChannel().getSourceChannel();
            source.getReadSetter().set(null);
            source.suspendReads();
        }
    }
}
