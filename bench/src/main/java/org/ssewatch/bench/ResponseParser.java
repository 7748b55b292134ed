package org.ssewatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one viewer's connection receives, parsed: HTTP/1.1 responses (chunked, with a
 * Content-Length, or up to the connection's close), and in their bodies either an SSE stream or a
 * long-poll answer. What it finds goes to a {@link Listener}. At a million events a second into one
 * process, it parses bytes where they lie: only an SSE line split across reads is copied, and a
 * poll answer, which is read whole before it is looked at.
 */
final class ResponseParser {
    /** Told what the parser finds, on the thread that feeds it. */
    interface Listener {
        /** A 200 response's head has been read. */
        void headers();

        /** A {@code stdout} event: its JSON payload (SSE) or its part of a poll answer is {@code b[from, to)}. */
        void stdout(byte[] b, int from, int to);

        void exit();

        void gap();

        /** A whole poll answer has been read: the last id it carried, and whether the run is over. */
        void pollAnswer(long last, boolean done);

        /** The SSE response ended where HTTP says it ends. */
        void end();

        void fail(String why);
    }

    private enum State { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, IDENTITY }

    /** The type of the SSE event whose lines are being read: what its {@code data:} line means. */
    private enum Kind { NONE, STDOUT, EXIT, GAP, OTHER }

    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_EVENT = "}},{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST = "\"last\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE_TRUE = "\"done\":true".getBytes(StandardCharsets.US_ASCII);

    private final boolean sse;
    private final Listener listener;
    private boolean stopped;

    private State state = State.HEAD;
    private final byte[] head = new byte[8192];
    private int headLen;
    private long remaining; // of a chunk, or of a Content-Length body (-1: until close; -2: after the last chunk)
    private long chunkSize;
    private boolean chunkSizeDone;

    private byte[] line = new byte[4096];
    private int lineLen;
    private Kind kind = Kind.NONE;
    private byte[] body; // poll answers only
    private int bodyLen;

    /** @param sse whether the bodies are SSE streams; else poll answers */
    ResponseParser(boolean sse, Listener listener) {
        this.sse = sse;
        this.listener = listener;
        this.body = sse ? null : new byte[64 * 1024];
    }

    /** Expects the head of the next response: a request was sent on the kept-alive connection. */
    void reset() {
        state = State.HEAD;
        headLen = 0;
        bodyLen = 0;
    }

    /** Parses nothing more: the viewer is done. */
    void stop() {
        stopped = true;
    }

    void feed(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && !stopped) {
            switch (state) {
                case HEAD -> i = head(b, i, end);
                case CHUNK_SIZE -> {
                    byte c = b[i++];
                    if (c == '\n') {
                        if (chunkSize == 0) {
                            state = State.CHUNK_CRLF; // last chunk: the empty trailer line follows
                            remaining = -2;
                        } else {
                            remaining = chunkSize;
                            state = State.CHUNK_DATA;
                        }
                    } else if (c == ';' || c == '\r') {
                        chunkSizeDone = true;
                    } else if (!chunkSizeDone) {
                        chunkSize = chunkSize * 16 + Character.digit(c, 16);
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    body(b, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_CRLF;
                    }
                }
                case CHUNK_CRLF -> {
                    byte c = b[i++];
                    if (c == '\n') {
                        if (remaining == -2) {
                            responseEnd();
                        } else {
                            chunkSize = 0;
                            chunkSizeDone = false;
                            state = State.CHUNK_SIZE;
                        }
                    }
                }
                case IDENTITY -> {
                    int n = remaining < 0 ? end - i : (int) Math.min(remaining, end - i);
                    body(b, i, n);
                    i += n;
                    if (remaining > 0) {
                        remaining -= n;
                        if (remaining == 0) {
                            responseEnd();
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** The connection was closed: the end of an SSE response without a length, or too early. */
    void eof() {
        if (sse && state == State.IDENTITY && remaining < 0) {
            listener.end();
        } else {
            listener.fail("connection closed early");
        }
    }

    private int head(byte[] b, int i, int end) {
        while (i < end) {
            if (headLen == head.length) {
                listener.fail("response head too long");
                return end;
            }
            head[headLen++] = b[i++];
            if (headLen >= 4 && head[headLen - 1] == '\n' && head[headLen - 2] == '\r'
                    && head[headLen - 3] == '\n' && head[headLen - 4] == '\r') {
                String h = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
                String lower = h.toLowerCase();
                int status = Integer.parseInt(h.substring(9, 12));
                if (status != 200) {
                    listener.fail("HTTP " + status);
                    return end;
                }
                listener.headers();
                int cl = lower.indexOf("content-length:");
                if (lower.contains("transfer-encoding: chunked")) {
                    state = State.CHUNK_SIZE;
                    chunkSize = 0;
                    chunkSizeDone = false;
                } else {
                    state = State.IDENTITY;
                    remaining = cl < 0 ? -1
                            : Long.parseLong(lower.substring(cl + 15, lower.indexOf('\r', cl)).trim());
                    if (remaining == 0) {
                        responseEnd();
                    }
                }
                return i;
            }
        }
        return i;
    }

    private void body(byte[] b, int off, int n) {
        if (sse) {
            sseBytes(b, off, n);
        } else {
            if (bodyLen + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + n));
            }
            System.arraycopy(b, off, body, bodyLen, n);
            bodyLen += n;
        }
    }

    /** Cuts SSE lines in place; only a line split across reads is copied. */
    private void sseBytes(byte[] b, int off, int n) {
        int end = off + n;
        int i = off;
        if (lineLen > 0) {
            int nl = Bytes.indexOfNewline(b, i, end);
            int stop = nl < 0 ? end : nl;
            if (lineLen + (stop - i) > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + (stop - i)));
            }
            System.arraycopy(b, i, line, lineLen, stop - i);
            lineLen += stop - i;
            if (nl < 0) {
                return;
            }
            sseLine(line, 0, lineLen);
            lineLen = 0;
            i = nl + 1;
        }
        while (i < end) {
            int nl = Bytes.indexOfNewline(b, i, end);
            if (nl < 0) {
                if (end - i > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, end - i));
                }
                System.arraycopy(b, i, line, 0, end - i);
                lineLen = end - i;
                return;
            }
            sseLine(b, i, nl);
            i = nl + 1;
        }
    }

    private void sseLine(byte[] b, int from, int to) {
        if (to == from) {
            kind = Kind.NONE; // end of a frame
            return;
        }
        byte first = b[from];
        if (first == 'e' && Bytes.matchesAt(b, from, "event: ")) {
            int v = from + 7;
            kind = Bytes.matches(b, v, to, "stdout") ? Kind.STDOUT : Bytes.matches(b, v, to, "exit") ? Kind.EXIT
                    : Bytes.matches(b, v, to, "gap") ? Kind.GAP : Kind.OTHER;
        } else if (first == 'd' && Bytes.matchesAt(b, from, "data: ")) {
            switch (kind) {
                case STDOUT -> listener.stdout(b, from + 6, to);
                case EXIT -> listener.exit();
                case GAP -> listener.gap();
                default -> { } // an event the viewers do not count
            }
        }
    }

    private void responseEnd() {
        if (sse) {
            listener.end();
        } else {
            pollAnswer();
        }
    }

    /** {@code {"events":[{"id":7,"type":"stdout","data":{...}},...],"last":7,"done":false}} */
    private void pollAnswer() {
        int i = 0;
        while (true) {
            int t = Bytes.indexOf(body, i, bodyLen, TYPE);
            if (t < 0) {
                break;
            }
            int v = t + TYPE.length;
            if (Bytes.matchesAt(body, v, "stdout\"")) {
                int dataEnd = Bytes.indexOf(body, v, bodyLen, CLOSE_EVENT);
                listener.stdout(body, v, dataEnd < 0 ? bodyLen : dataEnd);
            } else if (Bytes.matchesAt(body, v, "exit\"")) {
                listener.exit();
            } else if (Bytes.matchesAt(body, v, "gap\"")) {
                listener.gap();
            }
            i = v;
        }
        int last = Bytes.lastIndexOf(body, bodyLen, LAST);
        if (last < 0) {
            listener.fail("poll answer without last");
            return;
        }
        long n = 0;
        for (int j = last + LAST.length; j < bodyLen && body[j] >= '0' && body[j] <= '9'; j++) {
            n = n * 10 + (body[j] - '0');
        }
        listener.pollAnswer(n, Bytes.indexOf(body, last, bodyLen, DONE_TRUE) >= 0);
    }
}
