package org.ssewatch.web.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import org.ssewatch.share.Payloads;
import org.ssewatch.share.Run;

/** {@code GET api/status}: the state of the run as JSON ({@link Payloads#status}). */
public final class StatusEndpoint implements HttpHandler {
    private final Run run;
    private final IntSupplier viewers;

    /** {@code viewers} counts the viewers connected now. */
    public StatusEndpoint(Run run, IntSupplier viewers) {
        this.run = run;
        this.viewers = viewers;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(ByteBuffer.wrap(Payloads.status(run, viewers.getAsInt())));
    }
}
