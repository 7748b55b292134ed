package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.function.Supplier;
import org.ssewatch.share.runs.RunListing;

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
    private final Supplier<String> problem;
    private final RunListEvents events;
    private final HubReads reads = new HubReads();

    /** @param why what the page says instead of showing jobs, e.g. that this is a relay */
    public ReadOnlyHub(String why, Supplier<List<RunListing>> source) {
        this(why, source, () -> null);
    }

    /**
     * @param problem asked after each ask of {@code source}: why that list may be out of date (the store
     *                cannot be read, so it is the list as last read), or null. {@code api/runs} and the
     *                event stream's {@code runs} events carry it as {@code problem}, and the page shows it
     *                as it shows a hub's refusals, until it is null again.
     */
    public ReadOnlyHub(String why, Supplier<List<RunListing>> source, Supplier<String> problem) {
        this.why = why;
        this.source = source;
        this.problem = problem;
        this.events = new RunListEvents(source);
    }

    /** Sends the event stream's viewers what changed in the list, if there are any viewers (else asks nothing). */
    public void refresh() {
        if (events.backlog()[2] > 0) {
            events.update(source.get(), problem.get());
        }
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        HttpHandler endpoint = switch (path) {
            case "/api/jobs" -> x -> JsonAnswer.send(x, StatusCodes.OK, HubJson.of(j -> j.writer().beginObject()
                    .name("canStart").value(false).name("readOnly").value(why).name("jobs").beginArray().endArray()
                    .endObject()));
            case "/api/runs" -> offIo(x -> {
                List<RunListing> runs = source.get();
                String why = problem.get();
                events.update(runs, why); // so the stream never lags behind what a reader of the list was just given
                JsonAnswer.send(x, StatusCodes.OK, HubJson.of(j -> j.runs(runs, System.currentTimeMillis(), why)));
            });
            case "/api/runs/events" -> offIo(x -> {
                // a new viewer starts from the list as it stands, not as last read
                events.update(source.get(), problem.get());
                events.handleRequest(x);
            });
            default -> null;
        };
        reads.serve(ex, path, endpoint);
    }

    /** The source may ask a remote store (Redis), which must not hold up an I/O thread. */
    private static HttpHandler offIo(HttpHandler h) {
        return x -> {
            if (x.isInIoThread()) {
                x.dispatch(h);
            } else {
                h.handleRequest(x);
            }
        };
    }

    @Override
    public void close() {
        events.close();
    }
}
