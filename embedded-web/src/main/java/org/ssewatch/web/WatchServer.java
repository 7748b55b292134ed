package org.ssewatch.web;

import io.undertow.Undertow;
import io.undertow.server.protocol.http.HttpRequestParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ssewatch.share.Run;
import org.ssewatch.web.access.Gates;
import org.ssewatch.web.page.AssetHandler;
import org.ssewatch.web.stream.LiveEndpoints;
import org.xnio.OptionMap;
import org.xnio.Xnio;

/**
 * The embedded server ssewatch runs: Undertow serving one {@link StreamHandler} at the base URL,
 * behind the token and the password when there are, over HTTP or over HTTPS with HTTP/2, with
 * security headers on every response. Nothing a viewer sends reaches the command: every endpoint
 * only reads the journal, and only GET and HEAD are accepted.
 */
public final class WatchServer implements AutoCloseable {
    private final Listener listener;
    private final StreamHandler handler;

    private WatchServer(Listener listener, StreamHandler handler) {
        this.listener = listener;
        this.handler = handler;
    }

    /**
     * Starts loading the server's machinery on a background thread, for a command line tool to call
     * first thing, so that it overlaps with parsing the arguments. Most of it is XNIO's provider,
     * which registers itself with the platform MBean server: creating that server (and every JDK
     * MXBean in it) takes longer than anything else before the URL can be printed. The first use
     * of SecureRandom (the access token, the spill file's name) is seeded here too, Undertow's
     * request parser, one large generated class, loaded, the SSE frame encoder initialised, and the
     * page's files read and hashed.
     * {@link #start} does not depend on it; calling it twice is harmless.
     */
    public static void prewarm() {
        Thread t = new Thread(() -> {
            try {
                Tokens.generate();
                Xnio.getInstance(Undertow.class.getClassLoader());
                HttpRequestParser.instance(OptionMap.EMPTY);
                AssetHandler.preload(StreamHandler.ASSETS);
                LiveEndpoints.prewarm();
            } catch (Throwable e) {
                // start() reports anything that matters
            }
        }, "ssewatch-prewarm");
        t.setDaemon(true);
        t.start();
    }

    /** Starts listening, serving {@code run} (the live Recorder, or a saved run); returns once the port is bound. */
    public static WatchServer start(ServerConfig config, Run run) throws ServerStartException {
        StreamHandler handler = new StreamHandler(run, config.stream());
        try {
            return new WatchServer(Listener.start(config, Gates.around(handler, config.token(), config.auth())), handler);
        } catch (ServerStartException e) {
            handler.close();
            throw e;
        }
    }

    /** The URL to print and share: it carries the token, if there is one. */
    public URI baseUrl() {
        return listener.baseUrl();
    }

    /** Every URL under which the server is reachable, the preferred first. */
    public List<URI> urls() {
        return listener.urls();
    }

    /**
     * The SHA-256 fingerprint of the certificate served ({@code AB:CD:...}, as browsers show it),
     * or null without TLS. Print it with a self-signed certificate so viewers can check theirs.
     */
    public String certificateFingerprint() {
        return listener.certificateFingerprint();
    }

    public int port() {
        return listener.port();
    }

    public StreamHandler handler() {
        return handler;
    }

    /** See {@link StreamHandler#awaitViewersCaughtUp(Duration)}. */
    public boolean awaitViewersCaughtUp(Duration timeout) throws InterruptedException {
        return handler.awaitViewersCaughtUp(timeout);
    }

    @Override
    public void close() {
        handler.close();
        listener.close();
    }
}
