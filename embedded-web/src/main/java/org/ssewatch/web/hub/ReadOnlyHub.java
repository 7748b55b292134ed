package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.function.Supplier;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.web.SlashRedirect;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.page.AssetHandler;

/**
 * The hub's page and run list ({@code api/runs}, {@code api/runs/events}, with the same JSON and
 * events as {@code ssewatch serve}'s) over runs that something else lists and runs, such as a
 * relay reading them from Redis: no jobs, nothing to start or cancel. {@code api/jobs} says so
 * ({@code readOnly}, a sentence the page shows in place of the jobs). The runs' own pages are not
 * served here: mount this beside them.
 *
 * <p>{@code source} is asked for the list on every {@code api/runs} request, each new viewer of
 * the event stream and each {@link #refresh}: it decides how fresh that is and what it costs.
 */
public final class ReadOnlyHub implements HttpHandler, AutoCloseable {
    private final String why;
    private final Supplier<List<RunListing>> source;
    private final RunListEvents events;
    private final AssetHandler assets = new AssetHandler(HubHandler.ASSETS);

    /** @param why what the page says instead of showing jobs, e.g. that this is a relay */
    public ReadOnlyHub(String why, Supplier<List<RunListing>> source) {
        this.why = why;
        this.source = source;
        this.events = new RunListEvents(source);
    }

    /** Sends the event stream's viewers what changed in the list, if there are any viewers (else asks nothing). */
    public void refresh() {
        if (events.backlog()[2] > 0) {
            events.update(source.get());
        }
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        if (path.isEmpty()) {
            SlashRedirect.send(ex);
            return;
        }
        HttpHandler target = switch (path) {
            case "/api/jobs" -> x -> JsonAnswer.send(x, StatusCodes.OK, HubJson.of(j -> j.writer().beginObject()
                    .name("canStart").value(false).name("readOnly").value(why).name("jobs").beginArray().endArray()
                    .endObject()));
            case "/api/runs" -> x -> {
                List<RunListing> runs = source.get();
                events.update(runs); // so the stream never lags behind what a reader of the list was just given
                JsonAnswer.send(x, StatusCodes.OK, HubJson.of(j -> j.runs(runs, System.currentTimeMillis())));
            };
            case "/api/runs/events" -> x -> {
                events.update(source.get()); // a new viewer starts from the list as it stands, not as last polled
                events.handleRequest(x);
            };
            default -> null;
        };
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
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here: this hub is read only.");
            return;
        }
        if (ex.isInIoThread() && target != assets) {
            ex.dispatch(target); // the source may ask a remote store (Redis): not on an I/O thread
            return;
        }
        target.handleRequest(ex);
    }

    @Override
    public void close() {
        events.close();
    }
}
