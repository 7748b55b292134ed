package org.ssewatch.web;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where and how the server listens.
 *
 * @param bind      the address to listen on; "0.0.0.0" for all interfaces (so teammates can reach it)
 * @param port      the port, or 0 for any free one
 * @param token     the secret first path segment every URL must carry, or null for none
 * @param publicUrl the base URL to print instead of the one worked out (behind a reverse proxy), or null
 * @param stream    how the stream endpoints behave
 */
public record ServerConfig(String bind, int port, String token, URI publicUrl, StreamOptions stream) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    public ServerConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("no address to bind to");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a token is 1 to 128 of A-Z a-z 0-9 . _ ~ -");
        }
    }

    /** All interfaces, a free port, no token. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 0, null, null, StreamOptions.defaults());
    }

    public ServerConfig withBind(String b) {
        return new ServerConfig(b, port, token, publicUrl, stream);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bind, p, token, publicUrl, stream);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(bind, port, t, publicUrl, stream);
    }

    public ServerConfig withStream(StreamOptions s) {
        return new ServerConfig(bind, port, token, publicUrl, s);
    }
}
