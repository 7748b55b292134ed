package org.ssewatch.web.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ssewatch.web.access.Responses;

/**
 * The page and its files, read once per process from the jar: everything the browser needs ships
 * inside it, so the page works on an air-gapped network. Revalidated by ETag, never cached blindly,
 * since a new version of ssewatch may serve the same URL.
 */
public final class AssetHandler implements HttpHandler {
    public static final String INDEX = "index.html";
    private static final String ROOT = "/org/ssewatch/web/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    /**
     * The page's modules, which app.js imports (index.html loads it as a module): served wherever
     * app.js is, so that a list of the page's files names app.js alone.
     */
    static final List<String> PAGE_MODULES = List.of("page/page.mjs", "page/log.mjs", "page/ansi.mjs",
            "page/scroll.mjs", "page/header.mjs", "page/words.mjs", "page/groups.mjs", "page/annotations.mjs",
            "page/progress.mjs", "page/events.mjs", "page/window.mjs", "page/splice.mjs", "page/search.mjs", "page/nearby.mjs", "page/toggles.mjs", "page/stderr.mjs", "page/range.mjs", "page/reading.mjs", "page/held.mjs", "page/catchup.mjs",
            "page/latest.mjs", "page/matches.mjs", "page/keys.mjs", "page/layout.mjs",
            "page/marks.mjs", "page/launch.mjs", "page/feed.mjs", "page/edges.mjs",
            "page/placeholders.mjs", "page/markup.css");
    private static final String BOOT = "app.js";
    /** The modules ssewatch.js (an ES module) imports: served wherever ssewatch.js is. */
    static final List<String> CLIENT_MODULES = List.of("client/client.mjs", "client/base.mjs",
            "client/sse.mjs", "client/poll.mjs", "client/lifecycle.mjs");
    private static final String CLIENT = "ssewatch.js";

    private record Asset(byte[] body, String type, String etag) {
    }

    /**
     * Shared by every server in the process, and filled by
     * {@link org.ssewatch.web.WatchServer#prewarm} while the command line is parsed: reading and
     * hashing ~100 kB in a cold JVM is ~10 ms of start-up.
     */
    private static final Map<String, Optional<Asset>> LOADED = new ConcurrentHashMap<>();

    private final Map<String, Asset> assets = new HashMap<>();

    public AssetHandler(String... names) {
        for (String name : withModules(names)) {
            load(name).ifPresent(a -> assets.put(name, a));
        }
    }

    public static void preload(String... names) {
        for (String name : withModules(names)) {
            load(name);
        }
    }

    private static List<String> withModules(String... names) {
        List<String> all = new ArrayList<>(List.of(names));
        if (all.contains(BOOT)) {
            all.addAll(PAGE_MODULES);
        }
        if (all.contains(CLIENT)) {
            all.addAll(CLIENT_MODULES);
        }
        return all;
    }

    private static Optional<Asset> load(String name) {
        return LOADED.computeIfAbsent(name, AssetHandler::read);
    }

    private static Optional<Asset> read(String name) {
        try (InputStream in = AssetHandler.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Asset(body, TYPES.getOrDefault(ext, "application/octet-stream"), etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String name) {
        return assets.containsKey(name);
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        String name = ex.getRelativePath().isEmpty() ? INDEX : ex.getRelativePath();
        Asset a = assets.get(name);
        if (a == null) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
            return;
        }
        ex.getResponseHeaders().put(Headers.ETAG, a.etag);
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        if (a.etag.equals(ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
            ex.setStatusCode(StatusCodes.NOT_MODIFIED);
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, a.type);
        ex.getResponseSender().send(ByteBuffer.wrap(a.body));
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
