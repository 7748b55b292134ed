package org.ssewatch.web.page;

import com.google.gson.stream.JsonReader;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
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

/**
 * {@code GET log.txt}: the output so far as plain text, streamed from the journal (memory and
 * spill file alike) rather than built in memory. A line's partial versions are left out once the
 * line is finished; a line still unfinished when the log is fetched (a prompt, a progress bar)
 * comes last, as it stands. Split pieces are joined again; a gap becomes a marker line.
 */
public final class LogEndpoint implements HttpHandler {
    private static final int BATCH = 4096;

    private final ReadableJournal journal;

    public LogEndpoint(ReadableJournal journal) {
        this.journal = journal;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.startBlocking();
        long end = journal.lastId();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ex.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            LineJoiner joiner = new LineJoiner(out);
            long cursor = 0;
            while (cursor < end) {
                cursor = journal.read(cursor, (int) Math.min(BATCH, end - cursor), Long.MAX_VALUE, joiner::accept);
            }
            joiner.finish();
        } catch (IOException | UncheckedIOException e) {
            // The viewer went away mid-download.
        }
    }

    /** The newest partial version of a line that was not finished yet. */
    private record Unfinished(long line, String text, boolean cont) {
    }

    private static final class LineJoiner {
        private final Writer out;
        private final Map<String, Unfinished> unfinished = new HashMap<>();
        private boolean open;

        LineJoiner(Writer out) {
            this.out = out;
        }

        void accept(Event e) {
            try {
                if (EventTypes.GAP.equals(e.type())) {
                    newline();
                    out.write("[ssewatch: output missing here (events " + gapRange(e) + " were not kept)]\n");
                    return;
                }
                if (!EventTypes.isLine(e.type())) {
                    return;
                }
                String text = null;
                long line = 0;
                boolean partial = false;
                boolean cont = false;
                try (JsonReader r = json(e)) {
                    r.beginObject();
                    while (r.hasNext()) {
                        switch (r.nextName()) {
                            case "text" -> text = r.nextString();
                            case "line" -> line = r.nextLong();
                            case "partial" -> partial = r.nextBoolean();
                            case "cont" -> cont = r.nextBoolean();
                            default -> r.skipValue();
                        }
                    }
                }
                if (text == null) {
                    return;
                }
                if (partial) {
                    unfinished.put(e.type(), new Unfinished(line, text, cont));
                    return;
                }
                unfinished.remove(e.type());
                write(text, cont);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private static JsonReader json(Event e) {
            return new JsonReader(new InputStreamReader(new ByteArrayInputStream(e.payload()), StandardCharsets.UTF_8));
        }

        /** "FROM-TO" from a gap's payload, {"from":FROM,"to":TO}. */
        private static String gapRange(Event gap) throws IOException {
            long from = 0;
            try (JsonReader r = json(gap)) {
                r.beginObject();
                while (r.hasNext()) {
                    if (r.nextName().equals("from")) {
                        from = r.nextLong();
                    } else {
                        r.skipValue();
                    }
                }
            }
            return from + "-" + gap.id();
        }

        private void write(String text, boolean cont) throws IOException {
            if (!cont) {
                newline();
            }
            out.write(text);
            open = true;
        }

        private void newline() throws IOException {
            if (open) {
                out.write('\n');
                open = false;
            }
        }

        void finish() throws IOException {
            List<Unfinished> last = new ArrayList<>(unfinished.values());
            last.sort(Comparator.comparingLong(Unfinished::line));
            for (Unfinished u : last) {
                write(u.text(), u.cont());
            }
            newline();
        }
    }
}
