package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.LineIndex;
import org.ssewatch.share.LineRanges;
import org.ssewatch.share.MarkIndex;

/**
 * The endpoints that read a run by line number rather than by event id: {@code lines} (any
 * stretch of lines), {@code search} (across the whole run), {@code export.html}, and {@code marks}
 * (the events between the lines, without them).
 */
public final class LineEndpoints {
    private final HttpHandler lines;
    private final HttpHandler search;
    private final HttpHandler export;
    private final HttpHandler marks;

    public LineEndpoints(ReadableJournal journal, LineIndex index, MarkIndex marks) {
        LineRanges ranges = new LineRanges(journal, index);
        this.lines = new RangeEndpoint(ranges);
        this.search = new SearchEndpoint(ranges, new Searches());
        this.export = new ExportEndpoint(new HtmlExport(journal, index));
        this.marks = new MarksEndpoint(journal, marks);
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

    /** {@code GET marks}. */
    public HttpHandler marks() {
        return marks;
    }
}
