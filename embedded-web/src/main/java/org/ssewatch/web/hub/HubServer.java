package org.ssewatch.web.hub;

import java.net.URI;
import java.util.List;
import org.ssewatch.web.Listener;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.access.Gates;
import org.ssewatch.web.access.Origins;

/**
 * {@code ssewatch serve}'s server: the hub ({@link HubHandler}) at the base URL, behind the same
 * token and password gates as a run's server. Closing it stops serving; the runs are the
 * launcher's to end.
 */
public final class HubServer implements AutoCloseable {
    private final Listener listener;
    private final RunPages pages;
    private final RunListEvents events;

    private HubServer(Listener listener, RunPages pages, RunListEvents events) {
        this.listener = listener;
        this.pages = pages;
        this.events = events;
    }

    /** Starts listening; returns once the port is bound. */
    public static HubServer start(ServerConfig config, Hub hub) throws ServerStartException {
        RunPages pages = new RunPages(hub.store(), config.stream());
        RunListEvents events = new RunListEvents(hub.store());
        HubHandler handler = new HubHandler(hub, pages, events);
        Listener listener = Listener.start(config, Gates.around(handler, config.token(), config.auth()));
        handler.bound(Origins.of(listener.urls()));
        hub.launcher().addListener(() -> {
            events.changed();
            pages.prune();
        });
        return new HubServer(listener, pages, events);
    }

    /** The URL to print and share: it carries the token. */
    public URI baseUrl() {
        return listener.baseUrl();
    }

    public List<URI> urls() {
        return listener.urls();
    }

    public String certificateFingerprint() {
        return listener.certificateFingerprint();
    }

    /** The run list's event stream, for tests that change the list faster than runs can. */
    RunListEvents events() {
        return events;
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        events.close();
        pages.close();
        listener.close();
    }
}
