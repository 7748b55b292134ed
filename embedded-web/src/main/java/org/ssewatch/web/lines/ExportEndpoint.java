package org.ssewatch.web.lines;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;

/** {@code GET export.html}: the run as one self-contained page ({@link HtmlExport}), as a download. */
final class ExportEndpoint implements HttpHandler {
    private final HtmlExport export;

    ExportEndpoint(HtmlExport export) {
        this.export = export;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        // A download: served here, the server's own policy (no inline style) would apply instead of the file's.
        ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"ssewatch-run.html\"");
        ex.startBlocking();
        try (OutputStream out = ex.getOutputStream()) {
            export.write(out);
        } catch (IOException e) {
            // The viewer went away mid-download.
        }
    }
}
