package org.ssewatch.web.lines;

import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssewatch.share.LineEvent;
import org.ssewatch.share.LineRange;

/** The JSON answers of {@code lines} and {@code search}, written into memory (both are bounded). */
final class LineJson {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    final JsonWriter w = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));

    LineJson() {
        try {
            w.beginObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line: the same fields as its event's payload, and its stream. The object is left open
     * for the caller's own fields (a search adds the matches); the caller ends it.
     */
    void line(LineEvent l) throws IOException {
        w.beginObject();
        w.name("line").value(l.line());
        w.name("stream").value(l.stream());
        w.name("time").value(l.time());
        w.name("text").value(l.text());
        if (l.partial()) {
            w.name("partial").value(true);
        }
        if (l.cont()) {
            w.name("cont").value(true);
        }
    }

    void gaps(List<LineRange.Gap> gaps) throws IOException {
        w.name("gaps").beginArray();
        for (LineRange.Gap g : gaps) {
            w.beginObject().name("from").value(g.from()).name("to").value(g.to()).endObject();
        }
        w.endArray();
    }

    ByteBuffer finish() {
        try {
            w.endObject();
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }
}
