package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.ssewatch.web.SlashRedirect;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.page.AssetHandler;

/** What a hub serves that only reads: an endpoint, or else the file of the hub's page that the path names; GET and HEAD only. */
final class HubReads {
    private final AssetHandler assets = new AssetHandler(HubHandler.ASSETS);

    /**
     * {@code endpoint}, or when it is null the page's file at {@code path} (404 if none); 405 to other methods;
     * the hub's own URL without its slash is redirected to it.
     */
    void serve(HttpServerExchange ex, String path, HttpHandler endpoint) throws Exception {
        if (path.isEmpty()) {
            SlashRedirect.send(ex);
            return;
        }
        HttpHandler target = endpoint;
        if (target == null) {
            String name = path.equals("/") ? "hub.html" : path.substring(1);
            if (!assets.has(name)) {
                Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
                return;
            }
            ex.setRelativePath(name);
            target = assets;
        }
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
            return;
        }
        target.handleRequest(ex);
    }
}
