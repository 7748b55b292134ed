package org.ssewatch.cli;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.hub.ReadOnlyHub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A relay's routes: the hub's page and run list ({@link ReadOnlyHub}: the runs in Redis, live, and
 * {@code api/runs}) at the root, and each run's page and endpoints under {@code runs/ID/}, served by
 * that run's {@link StreamHandler} exactly as a local ssewatch serves them. Read only: GET and HEAD.
 */
final class RelayHandler implements HttpHandler {
    private final RelayRuns runs;
    private final ReadOnlyHub hub;

    RelayHandler(RelayRuns runs, ReadOnlyHub hub) {
        this.runs = runs;
        this.hub = hub;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        if (!path.startsWith("/runs/")) {
            hub.handleRequest(ex);
            return;
        }
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
            return;
        }
        String rest = path.substring("/runs/".length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        StreamHandler handler;
        try {
            handler = runs.handler(id);
        } catch (JedisException e) {
            Responses.text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Redis cannot be reached; try again shortly.");
            return;
        } catch (RelayRuns.Full e) {
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
            Responses.text(ex, StatusCodes.SERVICE_UNAVAILABLE, "Not served: " + e.getMessage() + ".");
            return;
        }
        if (handler == null) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "No such run.");
            return;
        }
        ex.setRelativePath(slash < 0 ? "" : rest.substring(slash));
        handler.handleRequest(ex);
    }
}
