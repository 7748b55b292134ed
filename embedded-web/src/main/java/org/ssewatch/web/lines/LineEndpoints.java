package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.LineIndex;
import org.ssewatch.share.LineRanges;

/**
 * The endpoints that read a run by line number rather than by event id: {@code lines} (any
 * stretch of lines), {@code search} (across the whole run) and {@code export.html}.
 */
public final class LineEndpoints {
    private final HttpHandler lines;
    private final HttpHandler search;
    private final HttpHandler export;

    public LineEndpoints(ReadableJournal journal, LineIndex index) {
        LineRanges ranges = new LineRanges(journal, index);
        this.lines = new RangeEndpoint(ranges);
        this.search = new SearchEndpoint(ranges, new Searches());
        this.export = new ExportEndpoint(new HtmlExport(journal, index));
    }

    /** {@code GET lines}. */
    public HttpHandler lines() {
        return lines;
    }

    /** {@code GET search}. */
    public HttpHandler search() {
        return search;
    }

    /** {@code GET export.html}. */
    public HttpHandler export() {
        return export;
    }
}
