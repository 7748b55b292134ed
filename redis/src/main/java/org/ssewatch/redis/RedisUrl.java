package org.ssewatch.redis;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to publish: {@code redis://[USER:PASS@]HOST[:PORT][/DB]}, or {@code rediss://} for TLS.
 * Parsed and checked once, here. The password never leaves this record except to the Redis
 * client: {@link #toString()} and every error message show {@code ***} in its place, and an input
 * that cannot be parsed at all is not repeated back, since it may hold a password.
 *
 * @param password the password, or null for none
 * @param user     the ACL user, or null for the default user
 */
public record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {
    public static final int DEFAULT_PORT = 6379;
    static final String FORM = "redis://[USER:PASS@]HOST:PORT/DB or rediss://...";

    public RedisUrl {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a Redis URL needs a host (" + FORM + ")");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a Redis port is 1 to 65535: " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("a Redis database is a number from 0: " + database);
        }
    }

    /** @throws IllegalArgumentException with a one-line message that does not contain the password */
    public static RedisUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Redis URL (" + FORM + ")");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss:// (" + FORM + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a Redis URL needs a host (" + FORM + ")");
        }
        String shown = scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a Redis URL takes no ?query or #fragment: " + shown);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int database = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a Redis URL's path is the database number: " + shown + path);
            }
        }
        String user = null;
        String password = null;
        String info = uri.getUserInfo(); // decoded: %40 is @
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
            if (user.isEmpty()) {
                user = null; // redis://:PASS@host: the default user, as redis-cli reads it
            }
            if (colon < 0) {
                // redis://SECRET@host: redis-cli and the Redis clients take a lone part as the password.
                password = user;
                user = null;
            }
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // an IPv6 address, as the client takes it
        }
        return new RedisUrl(scheme.equals("rediss"), user, password, host,
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
    }

    /** The URL with {@code ***} for the password: what messages, the page and Redis's own metadata show. */
    @Override
    public String toString() {
        String auth = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String shownHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "rediss" : "redis") + "://" + auth + shownHost + ":" + port + "/" + database;
    }
}
