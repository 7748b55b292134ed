package org.ssewatch.cli;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import org.ssewatch.web.SlashRedirect;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.access.Responses;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A relay's routes: {@code api/runs} (the runs in Redis, as JSON; also at the root) and each run's
 * page and endpoints under {@code runs/ID/}, served by that run's {@link StreamHandler} exactly
 * as a local ssewatch serves them. Read only: GET and HEAD.
 */
final class RelayHandler implements HttpHandler {
    private final RelayRuns runs;

    RelayHandler(RelayRuns runs) {
        this.runs = runs;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
            return;
        }
        String path = ex.getRelativePath();
        if (path.isEmpty()) {
            SlashRedirect.send(ex);
            return;
        }
        try {
            if (path.equals("/") || path.equals("/api/runs")) {
                byte[] json = runs.listJson().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
                ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                ex.getResponseSender().send(java.nio.ByteBuffer.wrap(json));
                return;
            }
            if (path.startsWith("/runs/")) {
                run(ex, path.substring("/runs/".length()));
                return;
            }
        } catch (JedisException e) {
            Responses.text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Redis cannot be reached; try again shortly.");
            return;
        }
        Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
    }

    private void run(HttpServerExchange ex, String rest) throws Exception {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        StreamHandler handler = runs.handler(id);
        if (handler == null) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "No such run.");
            return;
        }
        ex.setRelativePath(slash < 0 ? "" : rest.substring(slash));
        handler.handleRequest(ex);
    }
}
