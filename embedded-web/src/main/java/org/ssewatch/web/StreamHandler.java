package org.ssewatch.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.Run;
import org.ssewatch.web.access.Responses;
import org.ssewatch.web.lines.LineEndpoints;
import org.ssewatch.web.page.AssetHandler;
import org.ssewatch.web.page.LogEndpoint;
import org.ssewatch.web.page.StatusEndpoint;
import org.ssewatch.web.stream.LiveEndpoints;

/**
 * Everything a viewer of one run needs, relative to wherever it is mounted: the page and its
 * assets, {@code events} (SSE), {@code poll} (long-polling), {@code log.txt},
 * {@code api/status}, and by line number {@code lines}, {@code search}, {@code export.html} and {@code marks}. Mount it on any Undertow server, e.g.
 * {@code Handlers.path().addPrefixPath("/build", new StreamHandler(recorder))}, and feed the
 * {@link Recorder}; every viewer reads the same journal. A {@link Run} that is not live (a saved
 * one) is served the same way.
 */
public final class StreamHandler implements HttpHandler, AutoCloseable {
    static final String[] ASSETS = {AssetHandler.INDEX, "ssewatch.js", "app.js", "style.css", "favicon.svg"};

    private final Run run;
    private final LiveEndpoints live;
    private final HttpHandler events;
    private final HttpHandler poll;
    private final HttpHandler log;
    private final HttpHandler status;
    private final LineEndpoints lines;
    private final AssetHandler assets;

    public StreamHandler(Run run) {
        this(run, StreamOptions.defaults());
    }

    public StreamHandler(Run run, StreamOptions options) {
        this.run = run;
        this.live = new LiveEndpoints(run.journal(), options);
        this.events = live.events();
        this.poll = live.poll();
        this.log = new LogEndpoint(run.journal(), live.follow());
        this.status = new StatusEndpoint(run, live::viewerCount);
        this.lines = new LineEndpoints(run.journal(), run.lineIndex(), run.marks());
        this.assets = new AssetHandler(ASSETS);
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        if (path.isEmpty()) {
            SlashRedirect.send(ex);
            return;
        }
        String name = path.substring(1);
        HttpHandler target = switch (name) {
            case "events" -> events;
            case "poll" -> poll;
            case "log.txt" -> log;
            case "api/status" -> status;
            case "lines" -> lines.lines();
            case "search" -> lines.search();
            case "export.html" -> lines.export();
            case "marks" -> lines.marks();
            default -> assets.has(name.isEmpty() ? AssetHandler.INDEX : name) ? assets : null;
        };
        if (target == null) {
            Responses.text(ex, StatusCodes.NOT_FOUND, "Not found.");
            return;
        }
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
            return;
        }
        ex.setRelativePath(name);
        target.handleRequest(ex);
    }

    /** Viewers connected now: event streams and held polls. */
    public int viewerCount() {
        return live.viewerCount();
    }

    public Run run() {
        return run;
    }

    /**
     * After the run ended, waits until every connected viewer has received the exit event (their
     * streams end after it) or until {@code timeout}; returns whether all did.
     */
    public boolean awaitViewersCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (live.viewerCount() > 0 || !run.journal().isComplete()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        live.close();
    }
}
