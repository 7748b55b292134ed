package org.ssewatch.share;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a run into its journal: the {@code start} event, one event per line (or partial line) of
 * each stream, and the {@code exit} event. Line numbers count the lines of all streams in the order
 * they first appear; an open line keeps its number until it ends. Appends are serialised here so
 * that line numbers and ids rise together.
 */
public final class Recorder implements Run {
    private final Journal journal;
    private final Payloads payloads = new Payloads();
    private final Map<String, LongAdder> lineCounts = new ConcurrentHashMap<>();
    private final LineIndex lineIndex = new LineIndex();
    private final MarkIndex marks = new MarkIndex();
    private long nextLine = 1;
    private volatile long startedAt;
    private volatile StartInfo startInfo;
    private volatile ExitStatus exitStatus;
    private volatile long endedAt;
    private volatile Runnable milestones = () -> { };
    private final Launch launch;

    public Recorder(Journal journal) {
        this(journal, null);
    }

    /** Records a run the hub started with {@code launch} (null: not the hub's). */
    public Recorder(Journal journal, Launch launch) {
        this.journal = journal;
        this.launch = launch;
    }

    @Override
    public Launch launch() {
        return launch;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** Where each line starts in the journal, kept as lines are recorded. */
    @Override
    public LineIndex lineIndex() {
        return lineIndex;
    }

    /** Where the events that are not lines are, kept as they are recorded. */
    @Override
    public MarkIndex marks() {
        return marks;
    }

    public synchronized void start(StartInfo info) {
        if (journal.lastId() != 0) {
            throw new IllegalStateException("the start event must come first");
        }
        startedAt = System.currentTimeMillis();
        startInfo = info;
        marks.add(journal.append(EventTypes.START, payloads.start(startedAt, info)).id());
        milestones.run();
    }

    /**
     * Calls {@code listener} once the start event and once the exit event are journaled, on the
     * thread that journaled them (e.g. to save the run's metadata then). One listener at most.
     */
    public void onStartAndExit(Runnable listener) {
        milestones = listener;
    }

    /** Records one line of {@code type}; a partial line is replaced by the next one of its stream. */
    public StreamLines lines(String type) {
        return new StreamLines(type);
    }

    public synchronized void exit(ExitStatus status) {
        endedAt = System.currentTimeMillis();
        exitStatus = status;
        marks.add(journal.appendLast(EventTypes.EXIT, payloads.exit(endedAt, startedAt == 0 ? 0 : endedAt - startedAt, status)).id());
        milestones.run();
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
                marks.add(journal.append(type, payload).id());
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
            marks.add(journal.append(type, payload.apply(nextLine)).id());
        }
    }

    /** Lines finished so far on a stream (partial updates and split pieces not counted). */
    @Override
    public long lineCount(String type) {
        LongAdder n = lineCounts.get(type);
        return n == null ? 0 : n.sum();
    }

    @Override
    public StartInfo startInfo() {
        return startInfo;
    }

    @Override
    public long startedAt() {
        return startedAt;
    }

    @Override
    public long endedAt() {
        return endedAt;
    }

    @Override
    public ExitStatus exitStatus() {
        return exitStatus;
    }

    private synchronized void line(StreamLines stream, byte[] utf8, int off, int len, boolean cont) {
        if (exitStatus != null) {
            return; // output of a background process that outlived the command: the run is over
        }
        long line = number(stream, false, cont);
        Event e = journal.append(stream.type, payloads.line(line, System.currentTimeMillis(), utf8, off, len, cont));
        lineIndex.add(stream.type, line, e.id(), false);
    }

    private synchronized void line(StreamLines stream, String text, boolean partial, boolean cont) {
        if (exitStatus != null) {
            return;
        }
        long line = number(stream, partial, cont);
        Event e = journal.append(stream.type, payloads.line(line, System.currentTimeMillis(), text, partial, cont));
        lineIndex.add(stream.type, line, e.id(), partial);
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
