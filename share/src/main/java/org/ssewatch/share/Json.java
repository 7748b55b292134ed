package org.ssewatch.share;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Builds one payload at a time into a reused buffer with one reused Gson writer (lenient, so it
 * accepts one top-level object after another): encoding a line is the hot path of ingest, and a
 * new writer per line was most of its garbage. Gson escapes every control character, U+2028 and
 * U+2029, so no CR, LF or NUL can reach the SSE wire. Not thread-safe: each writer thread owns one.
 */
public final class Json {
    private final StringBuilder out = new StringBuilder(256);
    private final Writer sink = new Writer() {
        @Override
        public void write(char[] cbuf, int off, int len) {
            out.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            out.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            out.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final JsonWriter writer = new JsonWriter(sink);

    {
        writer.setSerializeNulls(true);
        writer.setStrictness(com.google.gson.Strictness.LENIENT);
    }

    /** Starts a new object; call {@link #finish()} to get its bytes. */
    public JsonWriter begin() {
        out.setLength(0);
        try {
            writer.beginObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer;
    }

    /** Closes the object begun with {@link #begin()} and returns it as UTF-8. */
    public byte[] finish() {
        try {
            writer.endObject();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
