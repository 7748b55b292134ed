package org.ssewatch.web;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ssewatch.share.Recorder;
import org.xnio.Options;

/**
 * The embedded server ssewatch runs: Undertow serving one {@link StreamHandler} at the base URL
 * (behind the token, when there is one), with security headers on every response.
 */
public final class WatchServer implements AutoCloseable {
    private final Undertow undertow;
    private final StreamHandler handler;
    private final List<URI> urls;
    private final int port;

    private WatchServer(Undertow undertow, StreamHandler handler, List<URI> urls, int port) {
        this.undertow = undertow;
        this.handler = handler;
        this.urls = urls;
        this.port = port;
    }

    /** Starts listening; returns once the port is bound. */
    public static WatchServer start(ServerConfig config, Recorder recorder) throws ServerStartException {
        StreamHandler handler = new StreamHandler(recorder, config.stream());
        HttpHandler root = handler;
        if (config.token() != null) {
            root = new TokenGate(config.token(), root);
        }
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), config.bind())
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(8)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 32)
                .setServerOption(UndertowOptions.MAX_HEADERS, 64)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
                .setHandler(new SecurityHeaders(root))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            handler.close();
            throw new ServerStartException(describe(config, e), e);
        }
        InetSocketAddress bound = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        int port = bound.getPort();
        String path = "/" + (config.token() == null ? "" : config.token() + "/");
        List<URI> urls = config.publicUrl() != null
                ? List.of(config.publicUrl())
                : Addresses.reachableHosts(config.bind()).stream()
                        .map(h -> URI.create("http://" + h + ":" + port + path)).toList();
        return new WatchServer(undertow, handler, urls, port);
    }

    private static String describe(ServerConfig config, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                String where = config.bind() + ":" + config.port();
                String msg = t.getMessage() == null ? "" : t.getMessage();
                if (msg.contains("in use")) {
                    return "port " + config.port() + " is already in use on " + config.bind();
                }
                return "cannot listen on " + where + ": " + msg;
            }
        }
        return "cannot start the web server on " + config.bind() + ":" + config.port() + ": " + e.getMessage();
    }

    /** The URL to print and share. */
    public URI baseUrl() {
        return urls.get(0);
    }

    /** Every URL under which the server is reachable, the preferred first. */
    public List<URI> urls() {
        return urls;
    }

    public int port() {
        return port;
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
        undertow.stop();
    }
}
