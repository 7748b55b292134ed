package org.ssewatch.web;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.ssewatch.web.tls.CipherSuites;
import org.ssewatch.web.tls.TlsIdentity;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The listening part of a server, whatever it serves (one run, or the hub): Undertow set up from
 * a {@link ServerConfig} (limits, TLS with HTTP/2), and the URLs it is reachable at.
 */
public final class Listener implements AutoCloseable {
    private final Undertow undertow;
    private final List<URI> urls;
    private final int port;
    private final String fingerprint;

    private Listener(Undertow undertow, List<URI> urls, int port, String fingerprint) {
        this.undertow = undertow;
        this.urls = urls;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /**
     * Starts listening with {@code root} (the gates already around it) as the handler; returns once
     * the port is bound.
     */
    public static Listener start(ServerConfig config, HttpHandler root) throws ServerStartException {
        List<String> hosts = Addresses.reachableHosts(config.bind());
        TlsIdentity tls = null;
        SSLContext ssl = null;
        if (config.tls() != null) {
            try {
                tls = TlsIdentity.of(config.tls(), hosts);
                ssl = tls.sslContext();
            } catch (IOException | GeneralSecurityException e) {
                throw new ServerStartException("cannot set up TLS: " + message(e), e);
            }
        }
        Undertow undertow = builder(config, ssl).setHandler(root).build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new ServerStartException(describe(config, e), e);
        }
        InetSocketAddress bound = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        int port = bound.getPort();
        String scheme = ssl == null ? "http" : "https";
        String path = "/" + (config.token() == null ? "" : config.token() + "/");
        List<URI> urls = config.publicUrl() != null
                ? List.of(config.publicBaseUrl())
                : hosts.stream().map(h -> URI.create(scheme + "://" + h + ":" + port + path)).toList();
        return new Listener(undertow, urls, port, tls == null ? null : tls.fingerprint());
    }

    /**
     * One IO thread per core but one, at least one: ssewatch runs beside the command it watches, and
     * the core left over is the command's and the output pump's. Fan-out is mostly the kernel's
     * socket writes, which one thread issues as fast as two on a loaded 2-core machine: measured
     * with bench/run, 1 thread against 2 (alternated runs), 1,000 viewers p50 12 against 15-17 ms and
     * p99 no worse, 100 viewers at 10,000 lines/s p99 14-28 against 16-50 ms, catch-up unchanged.
     */
    static int ioThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    private static Undertow.Builder builder(ServerConfig config, SSLContext ssl) {
        ConnectionLimits l = config.limits();
        Undertow.Builder b = Undertow.builder()
                .setIoThreads(ioThreads(Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(8)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, l.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, l.maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, l.maxParameters())
                .setServerOption(UndertowOptions.MAX_COOKIES, l.maxHeaders())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, l.maxBodyBytes())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(l.parseTimeout()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(l.noRequestTimeout()))
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, millis(l.idleTimeout()))
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                // Undertow's builder turns this on: behind a pipelined request, responses gather in a
                // buffer that is written only when full or finished, so an event stream or a held
                // poll with anything pipelined after it sent nothing at all. Browsers do not pipeline.
                .setServerOption(UndertowOptions.BUFFER_PIPELINED_DATA, false);
        if (ssl == null) {
            return b.addHttpListener(config.port(), config.bind());
        }
        // HTTP/2 only over TLS, where browsers use it: one connection carries every tab's stream,
        // instead of the six HTTP/1.1 connections per host that a few tabs of SSE use up.
        return b.addHttpsListener(config.port(), config.bind(), ssl)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, CipherSuites.offered(ssl))
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_ENABLE_PUSH, false)
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, l.maxStreamsPerConnection())
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, l.maxHeaderBytes());
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static String message(Exception e) {
        return e instanceof java.nio.file.NoSuchFileException n ? n.getFile() + ": " + n.getReason()
                : e.getMessage() == null ? e.toString() : e.getMessage();
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

    /** The URL to print and share: it carries the token, if there is one. */
    public URI baseUrl() {
        return urls.get(0);
    }

    /** Every URL under which the server is reachable, the preferred first. */
    public List<URI> urls() {
        return urls;
    }

    /** The certificate's SHA-256 fingerprint, or null without TLS. */
    public String certificateFingerprint() {
        return fingerprint;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
