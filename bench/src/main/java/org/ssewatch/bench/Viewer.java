package org.ssewatch.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One viewer of {@link Load}: its connection and requests, what its {@link ResponseParser} finds,
 * counted by its {@link LineCounter}, and when it was ready and done. SSE viewers send one request;
 * poll viewers send the next {@code poll?after=N} as soon as an answer is in, as the page's
 * fallback does.
 */
final class Viewer implements ResponseParser.Listener {
    final Load load;
    final boolean sse;
    final LineCounter counter;
    private final ResponseParser parser;
    SocketChannel ch;
    SelectionKey key;
    long connectedAt;
    long doneAt;
    /** When the bytes being fed were read, in epoch microseconds. */
    long nowMicros;
    boolean finished;
    private boolean counted; // as ready
    String error;
    long requests;
    private long after;

    Viewer(Load load, boolean sse) {
        this.load = load;
        this.sse = sse;
        this.counter = new LineCounter(load.latency, load.timeline);
        this.parser = new ResponseParser(sse, this);
    }

    void sendRequest() {
        String target = sse ? load.basePath + "events" : load.basePath + "poll?after=" + after;
        String req = "GET " + target + " HTTP/1.1\r\nHost: " + load.host + ":" + load.port + "\r\nAccept: "
                + (sse ? "text/event-stream" : "application/json") + "\r\n\r\n";
        requests++;
        try {
            ByteBuffer b = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                if (ch.write(b) == 0) {
                    Thread.onSpinWait(); // a tiny request into an empty socket buffer: never for long
                }
            }
        } catch (IOException e) {
            fail("write: " + e.getMessage());
        }
        parser.reset();
    }

    void feed(byte[] b, int off, int len) {
        parser.feed(b, off, len);
    }

    void eof() {
        parser.eof();
    }

    /** Whether it got every line in order, then the exit, and no error. */
    boolean complete() {
        return error == null && counter.complete(load.expect);
    }

    @Override
    public void headers() {
        if (sse) {
            markReady(); // a poll viewer is ready at its first answer
        }
    }

    @Override
    public void stdout(byte[] b, int from, int to) {
        counter.stdout(b, from, to, nowMicros);
    }

    @Override
    public void exit() {
        counter.exit();
    }

    @Override
    public void gap() {
        counter.gap();
    }

    @Override
    public void pollAnswer(long last, boolean done) {
        after = last;
        markReady();
        if (done) {
            finish();
        } else {
            sendRequest();
        }
    }

    @Override
    public void end() {
        finish();
    }

    @Override
    public void fail(String why) {
        if (error == null) {
            error = why;
        }
        finish();
    }

    private void markReady() {
        if (!counted) {
            counted = true;
            load.ready++;
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        parser.stop();
        doneAt = System.nanoTime();
        load.done++;
        markReady();
        key.cancel();
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
