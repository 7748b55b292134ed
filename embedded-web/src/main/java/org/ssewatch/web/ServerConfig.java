package org.ssewatch.web;

import java.net.URI;

/**
 * Where and how the server listens, and who may watch.
 *
 * @param bind      the address to listen on; "0.0.0.0" for all interfaces (so teammates can reach it)
 * @param port      the port, or 0 for any free one
 * @param token     the secret first path segment every URL must carry ({@link Tokens#generate()}),
 *                  or null for none
 * @param publicUrl the URL at which a reverse proxy serves this server's root, or null; printed
 *                  instead of the addresses worked out, with the token appended
 * @param stream    how the stream endpoints behave, including how many viewers at most
 * @param auth      HTTP Basic credentials every request must carry too, or null for none
 * @param tls       how to serve HTTPS (and HTTP/2), or null for plain HTTP
 * @param limits    what a connection may cost
 */
public record ServerConfig(String bind, int port, String token, URI publicUrl, StreamOptions stream,
        BasicAuth auth, TlsConfig tls, ConnectionLimits limits) {

    public ServerConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("no address to bind to");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
        if (token != null && !Tokens.isWellFormed(token)) {
            throw new IllegalArgumentException("a token is 1 to 128 of A-Z a-z 0-9 . _ ~ -");
        }
        if (publicUrl != null && (!publicUrl.isAbsolute() || publicUrl.getRawAuthority() == null
                || !(publicUrl.getScheme().equalsIgnoreCase("http") || publicUrl.getScheme().equalsIgnoreCase("https"))
                || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("the public URL must be an http or https URL without query or fragment: " + publicUrl);
        }
        if (stream == null || limits == null) {
            throw new IllegalArgumentException("stream options and limits are required");
        }
        long busiest = Math.max(stream.heartbeat().toMillis(), stream.pollHold().toMillis());
        if (limits.idleTimeout().toMillis() < busiest + 5000) {
            throw new IllegalArgumentException("the idle timeout must exceed heartbeat and poll hold by 5 s or more");
        }
    }

    /** Without authentication or TLS, with the default limits. */
    public ServerConfig(String bind, int port, String token, URI publicUrl, StreamOptions stream) {
        this(bind, port, token, publicUrl, stream, null, null, ConnectionLimits.defaults());
    }

    /** All interfaces, a free port, no token. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 0, null, null, StreamOptions.defaults());
    }

    /**
     * The base URL to print when {@link #publicUrl} is set: it with a slash, then the token and a
     * slash, e.g. {@code https://ci.example.com/watch/TOKEN/}.
     */
    URI publicBaseUrl() {
        String base = publicUrl.toString();
        if (!base.endsWith("/")) {
            base += "/";
        }
        return URI.create(base + (token == null ? "" : token + "/"));
    }

    public ServerConfig withBind(String b) {
        return new ServerConfig(b, port, token, publicUrl, stream, auth, tls, limits);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bind, p, token, publicUrl, stream, auth, tls, limits);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(bind, port, t, publicUrl, stream, auth, tls, limits);
    }

    public ServerConfig withPublicUrl(URI u) {
        return new ServerConfig(bind, port, token, u, stream, auth, tls, limits);
    }

    public ServerConfig withStream(StreamOptions s) {
        return new ServerConfig(bind, port, token, publicUrl, s, auth, tls, limits);
    }

    /** Shorthand for {@code withStream(stream().withMaxViewers(n))}. */
    public ServerConfig withMaxViewers(int n) {
        return withStream(stream.withMaxViewers(n));
    }

    public ServerConfig withAuth(BasicAuth a) {
        return new ServerConfig(bind, port, token, publicUrl, stream, a, tls, limits);
    }

    public ServerConfig withTls(TlsConfig t) {
        return new ServerConfig(bind, port, token, publicUrl, stream, auth, t, limits);
    }

    public ServerConfig withLimits(ConnectionLimits l) {
        return new ServerConfig(bind, port, token, publicUrl, stream, auth, tls, l);
    }
}
