package org.ssewatch.web.stream;

import io.undertow.server.HttpHandler;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.web.StreamOptions;

/**
 * The endpoints that hold a viewer's connection open, {@code events} (Server-Sent Events),
 * {@code poll} (long-polling) and {@code log.txt?follow=1}, over one journal's {@link Viewers}: whichever a viewer uses, it
 * shares their limit, their wake-ups and their frames of the newest events with all the others.
 */
public final class LiveEndpoints implements AutoCloseable {
    private final Viewers viewers;
    private final HttpHandler events;
    private final HttpHandler poll;
    private final HttpHandler follow;

    public LiveEndpoints(ReadableJournal journal, StreamOptions options) {
        this.viewers = new Viewers(journal, options);
        this.events = new SseEndpoint(viewers, options);
        this.poll = new PollEndpoint(viewers, options);
        this.follow = new FollowEndpoint(viewers);
    }

    /**
     * Loads the frame encoder ahead of the first viewer, for a command line tool to call while
     * it starts (see {@code WatchServer.prewarm}).
     */
    public static void prewarm() {
        SseFrames.retry(0);
    }

    /** {@code GET events}. */
    public HttpHandler events() {
        return events;
    }

    /** {@code GET poll}. */
    public HttpHandler poll() {
        return poll;
    }

    /** {@code GET log.txt?follow=1}. */
    public HttpHandler follow() {
        return follow;
    }

    /** Viewers connected now: event streams and held polls. */
    public int viewerCount() {
        return viewers.count();
    }

    @Override
    public void close() {
        viewers.close();
    }
}
