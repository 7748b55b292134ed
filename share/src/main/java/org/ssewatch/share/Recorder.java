package org.ssewatch.share;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a run into its journal: the {@code start} event, one event per line (or partial line) of
 * each stream, and the {@code exit} event. Line numbers count the lines of all streams in the order
 * they first appear; an open line keeps its number until it ends. Appends are serialised here so
 * that line numbers and ids rise together.
 */
public final class Recorder {
    private final Journal journal;
    private final Json json = new Json();
    private final Map<String, LongAdder> lineCounts = new ConcurrentHashMap<>();
    private long nextLine = 1;
    private volatile long startedAt;
    private volatile StartInfo startInfo;
    private volatile ExitStatus exitStatus;
    private volatile long endedAt;

    public Recorder(Journal journal) {
        this.journal = journal;
    }

    public Journal journal() {
        return journal;
    }

    public synchronized void start(StartInfo info) {
        if (journal.lastId() != 0) {
            throw new IllegalStateException("the start event must come first");
        }
        startedAt = System.currentTimeMillis();
        startInfo = info;
        try {
            JsonWriter w = json.begin();
            w.name("time").value(startedAt);
            w.name("command").beginArray();
            for (String arg : info.command()) {
                w.value(arg);
            }
            w.endArray();
            w.name("cwd").value(info.cwd());
            w.name("host").value(info.host());
            w.name("pid").value(info.pid());
            w.name("title").value(info.title());
            w.name("mode").value(info.mode());
            w.name("pty").value(info.pty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal.append(EventTypes.START, json.finish());
    }

    /** Records one line of {@code type}; a partial line is replaced by the next one of its stream. */
    public StreamLines lines(String type) {
        return new StreamLines(type);
    }

    public synchronized void exit(ExitStatus status) {
        endedAt = System.currentTimeMillis();
        exitStatus = status;
        try {
            JsonWriter w = json.begin();
            w.name("time").value(endedAt);
            w.name("code").value(status.code());
            w.name("signal").value(status.signal());
            w.name("status").value(status.status());
            w.name("duration").value(startedAt == 0 ? 0 : endedAt - startedAt);
            w.name("reason").value(status.reason());
            w.name("message").value(status.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal.appendLast(EventTypes.EXIT, json.finish());
    }

    /**
     * Records an event of the embedder's own type, e.g. a notification of its worker. The payload
     * must be one JSON object; it is stored compacted to one line, as the SSE wire needs.
     *
     * @throws IllegalArgumentException for a type that is not a plain identifier or is one of
     *                                  ssewatch's own ({@link EventTypes#isReserved}), or a payload
     *                                  that is not a JSON object or is over {@value #MAX_EVENT_BYTES} bytes
     */
    public void event(String type, byte[] json) {
        if (!Event.isValidType(type) || EventTypes.isReserved(type)) {
            throw new IllegalArgumentException("not a type an embedder may write: " + type);
        }
        byte[] payload = EmbedderPayload.compact(json, MAX_EVENT_BYTES);
        synchronized (this) {
            if (startedAt == 0) {
                throw new IllegalStateException("the start event must come first");
            }
            if (exitStatus == null) {
                journal.append(type, payload);
            }
        }
    }

    /** The largest payload {@link #event} takes. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    /**
     * Records an event that has a place among the lines (markup): {@code payload} is given the
     * number the next line will get, taken under the same lock that numbers lines.
     */
    synchronized void placed(String type, java.util.function.LongFunction<byte[]> payload) {
        if (exitStatus == null) {
            journal.append(type, payload.apply(nextLine));
        }
    }

    /** Lines finished so far on a stream (partial updates and split pieces not counted). */
    public long lineCount(String type) {
        LongAdder n = lineCounts.get(type);
        return n == null ? 0 : n.sum();
    }

    public StartInfo startInfo() {
        return startInfo;
    }

    /** Milliseconds since the epoch when the run started, 0 before. */
    public long startedAt() {
        return startedAt;
    }

    /** Milliseconds since the epoch when it ended, 0 while it runs. */
    public long endedAt() {
        return endedAt;
    }

    /** How the run ended, or null while it runs. */
    public ExitStatus exitStatus() {
        return exitStatus;
    }

    private synchronized void line(StreamLines stream, byte[] utf8, int off, int len, boolean cont) {
        if (exitStatus != null) {
            return; // output of a background process that outlived the command: the run is over
        }
        long line = number(stream, false, cont);
        byte[] payload = LinePayload.encode(line, System.currentTimeMillis(), utf8, off, len, false, cont);
        if (payload == null) {
            // Not valid UTF-8: Gson writes what the decoder makes of it, U+FFFD for each invalid part.
            payload = linePayload(line, new String(utf8, off, len, StandardCharsets.UTF_8), false, cont);
        }
        journal.append(stream.type, payload);
    }

    private synchronized void line(StreamLines stream, String text, boolean partial, boolean cont) {
        if (exitStatus != null) {
            return;
        }
        long line = number(stream, partial, cont);
        journal.append(stream.type, linePayload(line, text, partial, cont));
    }

    /** The line's number: an open line keeps its number until it ends. */
    private long number(StreamLines stream, boolean partial, boolean cont) {
        long line = stream.openLine;
        if (line == 0) {
            line = nextLine++;
        }
        stream.openLine = partial ? line : 0;
        if (!partial && !cont) {
            stream.count.increment();
        }
        return line;
    }

    private byte[] linePayload(long line, String text, boolean partial, boolean cont) {
        try {
            JsonWriter w = json.begin();
            w.name("line").value(line);
            w.name("time").value(System.currentTimeMillis());
            w.name("text").value(text);
            if (partial) {
                w.name("partial").value(true);
            }
            if (cont) {
                w.name("cont").value(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.finish();
    }

    /** The lines of one stream. */
    public final class StreamLines implements LineSink {
        private final String type;
        private final LongAdder count;
        private long openLine;

        private StreamLines(String type) {
            this.type = type;
            this.count = lineCounts.computeIfAbsent(type, t -> new LongAdder());
        }

        /** Records a finished line. */
        public void line(String text) {
            line(text, false, false);
        }

        @Override
        public void line(String text, boolean partial, boolean cont) {
            Recorder.this.line(this, text, partial, cont);
        }

        @Override
        public void line(byte[] utf8, int off, int len, boolean cont) {
            Recorder.this.line(this, utf8, off, len, cont);
        }
    }
}
