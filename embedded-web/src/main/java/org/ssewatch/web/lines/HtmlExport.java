package org.ssewatch.web.lines;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.ssewatch.share.AnsiText;
import org.ssewatch.share.ReadableJournal;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LineIndex;
import org.ssewatch.share.LineRange;
import org.ssewatch.share.LineRanges;

/**
 * A run as one self-contained HTML file: what ran, then every line in order with its number and
 * colours, gaps said where they are, and how the run ended. Static HTML, no script, one style
 * sheet inside it; its Content-Security-Policy allows that sheet (by hash) and nothing else, so
 * it opens from a file or a ticket's attachment without a request to anywhere. Written as it is
 * read, a few thousand lines at a time, whatever the size of the run.
 *
 * <p>Takes a journal and its line index, not the server: {@code new HtmlExport(journal,
 * LineIndex.of(journal)).write(out)} exports a journal read back from disk.
 */
public final class HtmlExport {
    private static final int BATCH_LINES = 4096;
    static final String STYLE = loadStyle();
    /** The policy, in a meta element: the style sheet by hash, no script, nothing loaded. */
    static final String POLICY = "default-src 'none'; style-src '" + hash(STYLE) + "'; img-src 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private final ReadableJournal journal;
    private final LineRanges ranges;

    public HtmlExport(ReadableJournal journal, LineIndex index) {
        this.journal = journal;
        this.ranges = new LineRanges(journal, index);
    }

    /** Writes the page to {@code out} (buffered here; {@code out} is not closed). */
    public void write(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        RunSummary run = RunSummary.of(journal);
        boolean done = journal.isComplete();
        long total = ranges.lines();
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n");
        w.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>" + Html.escape(run.title()) + " \u2014 ssewatch</title>\n<style>" + STYLE + "</style>\n</head><body>\n");
        run.writeHeader(w, total, done);
        w.write("<main>\n");
        for (long from = 1; from <= total;) {
            LineRange r = ranges.read(from, Math.min(total, from + BATCH_LINES - 1), 8L << 20);
            writeRange(w, r);
            from = r.to() + 1;
        }
        w.write("</main>\n");
        run.writeFooter(w, done);
        w.write("</body></html>\n");
        w.flush();
    }

    /** Lines and gaps in line order. */
    private static void writeRange(Writer w, LineRange r) throws IOException {
        int g = 0;
        for (LineEvent l : r.lines()) {
            while (g < r.gaps().size() && r.gaps().get(g).to() < l.line()) {
                gap(w, r.gaps().get(g++));
            }
            line(w, l);
        }
        while (g < r.gaps().size()) {
            gap(w, r.gaps().get(g++));
        }
    }

    private static void gap(Writer w, LineRange.Gap g) throws IOException {
        String which = g.from() == g.to() ? "line " + g.from() + " was" : "lines " + g.from() + "\u2013" + g.to() + " were";
        w.write("<p class=gap>[" + which + " not kept: past the history and spill limits]</p>\n");
    }

    private static void line(Writer w, LineEvent l) throws IOException {
        // Styles do not carry over from one line to the next, as on the page.
        String cls = (l.stream().equals("stderr") ? " e" : "") + (l.partial() ? " p" : "") + (l.cont() ? " c" : "");
        w.write("<p id=L" + l.line() + (cls.isEmpty() ? "" : " class=\"" + cls.substring(1) + "\"")
                + "><a href=#L" + l.line() + " data-n=" + l.line() + "></a>");
        writeText(w, l.text(), new Sgr());
        w.write("</p>\n");
    }

    private static void writeText(Writer w, String text, Sgr sgr) throws IOException {
        if (AnsiText.isPlain(text)) {
            Html.escape(w, text, 0, text.length());
            return;
        }
        try {
            AnsiText.scan(text, new AnsiText.Visitor() {
                @Override
                public void text(String t, int from, int to) {
                    try {
                        String c = sgr.classes();
                        if (c != null) {
                            w.write("<span class=\"" + c + "\">");
                        }
                        Html.escape(w, t, from, to);
                        if (c != null) {
                            w.write("</span>");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void sgr(String params) {
                    sgr.apply(params);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String loadStyle() {
        try (InputStream in = HtmlExport.class.getResourceAsStream("/org/ssewatch/web/export/export.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + Sgr.colourRules();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("export.css is missing from the build", e);
        }
    }

    private static String hash(String style) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
