package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Optional;
import org.ssewatch.share.jobs.Job;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.web.SlashRedirect;
import org.ssewatch.web.StreamHandler;
import org.ssewatch.web.access.CsrfTokens;
import org.ssewatch.web.access.MutationGuard;
import org.ssewatch.web.access.Origins;
import org.ssewatch.web.access.Responses;

/**
 * The hub, relative to its base URL (docs/PROTOCOL.md, "The hub"): its page, {@code api/jobs},
 * {@code api/session}, {@code api/runs}, {@code api/runs/events}, starting and cancelling (POST,
 * through the {@link MutationGuard}), and each run's page and endpoints under {@code runs/ID/}.
 */
final class HubHandler implements HttpHandler {
    static final String[] ASSETS = {"hub.html", "hub/hub.mjs", "hub/form.mjs", "hub/runs.mjs", "hub/mode.mjs", "hub/hub.css",
        "style.css", "favicon.svg"};
    private static final String NO_OPERATORS = "Nobody can start or cancel runs from the web: this hub was started "
            + "without --operators.";

    private final Hub hub;
    private final RunPages pages;
    private final RunListEvents events;
    private final CsrfTokens tokens = new CsrfTokens();
    private final HubReads reads = new HubReads();
    private volatile Origins origins;

    HubHandler(Hub hub, RunPages pages, RunListEvents events) {
        this.hub = hub;
        this.pages = pages;
        this.events = events;
    }

    /** The server's own origins, once it is bound; until then nothing can be started. */
    void bound(Origins o) {
        origins = o;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        if (path.isEmpty()) {
            SlashRedirect.send(ex);
            return;
        }
        if (path.startsWith("/runs/")) {
            run(ex, path.substring("/runs/".length()));
            return;
        }
        if (path.startsWith("/api/jobs/") && path.endsWith("/runs")) {
            Optional<Job> job = hub.jobs().job(path.substring("/api/jobs/".length(), path.length() - "/runs".length()));
            if (job.isEmpty()) {
                Responses.text(ex, StatusCodes.NOT_FOUND, "No such job.");
                return;
            }
            guarded(ex, new StartEndpoint(hub, job.get()));
            return;
        }
        if (path.startsWith("/api/runs/") && path.endsWith("/cancel")) {
            Optional<HubRun> run = hub.store().find(path.substring("/api/runs/".length(), path.length() - "/cancel".length()));
            if (run.isEmpty()) {
                Responses.text(ex, StatusCodes.NOT_FOUND, "No such run.");
                return;
            }
            guarded(ex, new CancelEndpoint(hub, run.get()));
            return;
        }
        HttpHandler target = switch (path) {
            case "/api/jobs" -> x -> JsonAnswer.send(x, StatusCodes.OK,
                    HubJson.of(j -> j.jobs(hub.jobs().jobs().values().stream().toList(), hub.operators() != null,
                            hub.launcher().diskFull())));
            case "/api/runs" -> x -> JsonAnswer.send(x, StatusCodes.OK, HubJson.of(j -> j.runs(
                    hub.store().list().stream().map(HubRun::listing).toList(), System.currentTimeMillis())));
            case "/api/runs/events" -> events;
            case "/api/session" -> hub.operators() == null
                    ? x -> Responses.text(x, StatusCodes.FORBIDDEN, NO_OPERATORS)
                    : new SessionEndpoint(hub.operators(), tokens);
            default -> null;
        };
        reads.serve(ex, path, target);
    }

    private void guarded(HttpServerExchange ex, HttpHandler endpoint) throws Exception {
        Origins o = origins;
        if (hub.operators() == null || o == null) {
            if (!ex.getRequestMethod().equals(Methods.POST)) {
                ex.getResponseHeaders().put(Headers.ALLOW, "POST");
                Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only POST starts or cancels a run.");
                return;
            }
            Responses.text(ex, StatusCodes.FORBIDDEN, NO_OPERATORS);
            return;
        }
        new MutationGuard(hub.operators(), tokens, o, endpoint).handleRequest(ex);
    }

    /** {@code runs/ID} and what is under it: the run's own page and endpoints. */
    private void run(HttpServerExchange ex, String rest) throws Exception {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        Optional<HubRun> run = hub.store().find(id);
        if (run.isEmpty()) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "No such run.");
            return;
        }
        StreamHandler handler;
        try {
            handler = pages.of(run.get());
        } catch (java.io.IOException e) {
            Responses.text(ex, StatusCodes.INTERNAL_SERVER_ERROR, "Run " + id + " cannot be read: " + e.getMessage());
            return;
        }
        ex.setRelativePath(slash < 0 ? "" : rest.substring(slash));
        handler.handleRequest(ex);
    }
}
