package org.ssewatch.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the lines a command writes to {@code SSEWATCH_EVENTS} and journals each as an event of
 * its type, on a thread of its own: a bad line is refused ({@link Refusals}) and reading goes on,
 * so nothing a command writes there can stop or slow its run.
 *
 * <p>Before it journals an event it waits until the output readers have recorded every byte that
 * was already in the output pipes ({@link OutputCapture#caughtUp}): a command that prints a line
 * and then sends an event has put the line in its pipe first, so the journal keeps that order.
 */
final class EventReader implements Runnable {
    private static final int BUFFER = 64 * 1024;

    private final EventFifo fifo;
    private final Recorder recorder;
    private final SecretMask mask;
    private final Refusals refusals;
    private final Thread thread = new Thread(this, "ssewatch-events");
    /** A line only ssewatch knows, written when the run is over: everything before it is the run's. */
    private final byte[] end;
    private volatile OutputCapture output;
    private final java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
    private final byte[] line = new byte[CommandEvent.MAX_LINE_BYTES];
    private int len;
    private boolean overLong;

    EventReader(EventFifo fifo, Recorder recorder, SecretMask mask, Refusals refusals) {
        this.fifo = fifo;
        this.recorder = recorder;
        this.mask = mask;
        this.refusals = refusals;
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        this.end = ("ssewatch-end-" + HexFormat.of().formatHex(nonce)).getBytes(StandardCharsets.US_ASCII);
        thread.setDaemon(true);
        thread.start(); // to warm up while the command starts: see run()
    }

    /** Begins journaling, once the run's start is recorded; events then keep their place after {@code capture}'s lines. */
    void start(OutputCapture capture) {
        output = capture;
        begun.countDown();
    }

    /**
     * Once the command and its output are over: reads what is still in the FIFO, then stops.
     * A line written after this (by a child left behind) belongs to no run.
     */
    void finish() throws InterruptedException {
        begun.countDown(); // a run that never started has nothing in it
        if (thread.isAlive() && output != null) {
            try {
                fifo.write((new String(end, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // Cannot happen while the reading end is open; close() below ends the reader anyway.
            }
            thread.join(2000);
        }
        refusals.summary();
    }

    @Override
    public void run() {
        // Loads JNA's libc now, not while the first event waits: the output would meanwhile be
        // recorded on, and the event come later among the lines than the command sent it.
        PipeLevel.of(-1);
        CommandEvent.parseLine("{\"type\":\"warm-up\",\"data\":{}}"); // and Gson's reader
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            begun.await();
            if (output == null) {
                return; // the command never started
            }
            while (true) {
                buf.clear();
                int n = fifo.channel().read(buf);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (take(buf.get(i))) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // Closed at the end of the run: nothing more to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One byte of input; true once the end line is read. */
    private boolean take(byte b) throws InterruptedException {
        if (b != '\n') {
            if (len < line.length) {
                line[len++] = b;
            } else {
                overLong = true;
            }
            return false;
        }
        try {
            if (overLong) {
                refusals.refuse("a line is over the cap of " + CommandEvent.MAX_LINE_BYTES + " bytes with its newline");
                return false;
            }
            if (len == end.length && Arrays.equals(line, 0, len, end, 0, len)) {
                return true;
            }
            if (len > 0 && len < line.length) {
                journal(new String(line, 0, len, StandardCharsets.UTF_8));
            } else if (len == line.length) {
                refusals.refuse("a line is over the cap of " + CommandEvent.MAX_LINE_BYTES + " bytes with its newline");
            }
            return false;
        } finally {
            len = 0;
            overLong = false;
        }
    }

    private void journal(String text) throws InterruptedException {
        CommandEvent event;
        try {
            event = CommandEvent.parseLine(text).masked(mask);
        } catch (IllegalArgumentException e) {
            refusals.refuse(mask.mask(e.getMessage()));
            return;
        }
        output.caughtUp();
        try {
            recorder.event(event.type(), event.payload());
        } catch (IllegalArgumentException e) {
            refusals.refuse(mask.mask(e.getMessage()));
        }
    }
}
