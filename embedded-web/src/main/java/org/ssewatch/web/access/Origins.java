package org.ssewatch.web.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The origins ({@code scheme://host[:port]}) a server answers as, compared the way browsers write
 * an {@code Origin} header: scheme and host in lower case, no default port, no path.
 */
public final class Origins {
    private final Set<String> origins;

    private Origins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** The origins of {@code urls}: the server's own addresses and its {@code --public-url}. */
    public static Origins of(Collection<URI> urls) {
        Set<String> set = new TreeSet<>();
        for (URI u : urls) {
            set.add(normal(u).orElseThrow(() -> new IllegalArgumentException("not an http or https URL: " + u)));
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("a server has at least one origin");
        }
        return new Origins(set);
    }

    /** Whether the value of an {@code Origin} header is one of these ({@code null}, the opaque origin, never is). */
    boolean contains(String header) {
        try {
            return normal(new URI(header.trim())).filter(o -> origins.contains(o)).isPresent();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    Set<String> all() {
        return origins;
    }

    private static Optional<String> normal(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            return Optional.empty();
        }
        int port = u.getPort();
        boolean usual = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return String.join(", ", origins);
    }
}
