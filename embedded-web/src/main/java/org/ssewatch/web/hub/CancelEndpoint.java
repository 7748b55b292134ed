package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.web.access.MutationGuard;
import org.ssewatch.web.access.Responses;

/**
 * {@code POST api/runs/ID/cancel}, behind the {@link MutationGuard}: 202 once the run is being
 * ended (SIGTERM now, SIGKILL after the grace; its end comes on the hub's event stream), 409 when
 * it is not running.
 */
final class CancelEndpoint implements HttpHandler {
    private final Hub hub;
    private final HubRun run;

    CancelEndpoint(Hub hub, HubRun run) {
        this.hub = hub;
        this.run = run;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        if (!hub.launcher().cancel(run.id(), ex.getAttachment(MutationGuard.OPERATOR))) {
            Responses.text(ex, StatusCodes.CONFLICT, "Run " + run.id() + " is not running (it is "
                    + run.listing().state().wireName() + ").");
            return;
        }
        JsonAnswer.send(ex, StatusCodes.ACCEPTED, HubJson.of(j -> j.writer().beginObject().name("id").value(run.id())
                .name("state").value("cancelling").endObject()));
    }
}
