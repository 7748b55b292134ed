package org.ssewatch.web.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssewatch.share.Event;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LogText;
import org.ssewatch.web.access.Responses;

/**
 * {@code GET log.txt}: the output so far as plain text, as a reader sees it (escape sequences
 * removed; {@code ?ansi=keep} keeps them, for {@code less -R}), streamed from the journal (memory
 * and spill file alike) rather than built in memory. A line's partial versions are left out once
 * the line is finished; a line still unfinished when the log is fetched (a prompt, a progress bar)
 * comes last, as it stands. Split pieces are joined again; a gap becomes a marker line.
 * {@code ?follow=1} goes to {@code follow} instead, which keeps the response open for new lines.
 */
public final class LogEndpoint implements HttpHandler {
    private static final int BATCH = 4096;

    private final ReadableJournal journal;
    private final HttpHandler follow;

    public LogEndpoint(ReadableJournal journal, HttpHandler follow) {
        this.journal = journal;
        this.follow = follow;
    }

    /** Whether {@code ansi} asks for the escape sequences to be kept; null when it is not one of the values. */
    public static Boolean keepAnsi(HttpServerExchange ex) {
        String v = ex.getQueryParameters().containsKey("ansi") ? ex.getQueryParameters().get("ansi").peekFirst() : null;
        return v == null || v.equals("strip") ? Boolean.FALSE : v.equals("keep") ? Boolean.TRUE : null;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        Boolean keep = keepAnsi(ex);
        String followed = ex.getQueryParameters().containsKey("follow") ? ex.getQueryParameters().get("follow").peekFirst() : "0";
        if (keep == null || !(followed.equals("0") || followed.equals("1"))) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, keep == null ? "ansi must be keep or strip" : "follow must be 1 or 0");
            return;
        }
        if (followed.equals("1")) {
            follow.handleRequest(ex);
            return;
        }
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.startBlocking();
        long end = journal.lastId();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ex.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            LineJoiner joiner = new LineJoiner(out, keep);
            long cursor = 0;
            while (cursor < end) {
                cursor = journal.read(cursor, (int) Math.min(BATCH, end - cursor), Long.MAX_VALUE, joiner::accept);
            }
            joiner.finish();
        } catch (IOException | UncheckedIOException e) {
            // The viewer went away mid-download.
        }
    }

    private static final class LineJoiner {
        private final Writer out;
        private final boolean keepAnsi;
        /** The newest partial version of each stream's line that was not finished yet. */
        private final Map<String, LineEvent> unfinished = new HashMap<>();
        private boolean open;

        LineJoiner(Writer out, boolean keepAnsi) {
            this.out = out;
            this.keepAnsi = keepAnsi;
        }

        void accept(Event e) {
            try {
                if (EventTypes.GAP.equals(e.type())) {
                    newline();
                    out.write(LogText.gap(e));
                    out.write('\n');
                    return;
                }
                LineEvent l = LineEvent.of(e);
                if (l == null) {
                    return;
                }
                if (l.partial()) {
                    unfinished.put(e.type(), l);
                    return;
                }
                unfinished.remove(e.type());
                write(l);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private void write(LineEvent l) throws IOException {
            if (!l.cont()) {
                newline();
            }
            out.write(LogText.text(l, keepAnsi));
            open = true;
        }

        private void newline() throws IOException {
            if (open) {
                out.write('\n');
                open = false;
            }
        }

        void finish() throws IOException {
            List<LineEvent> last = new ArrayList<>(unfinished.values());
            last.sort(Comparator.comparingLong(LineEvent::line));
            for (LineEvent u : last) {
                write(u);
            }
            newline();
        }
    }
}
