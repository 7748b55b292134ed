package org.ssewatch.share;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one output stream of the command: raw bytes to the terminal (unchanged, so the terminal
 * shows exactly what the command alone would) and to a {@link LineDecoder}. Reading never waits on
 * viewers: the decoder only appends to the journal.
 */
final class StreamPump implements Runnable {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private OutputStream echo;
    private final LineDecoder decoder;

    StreamPump(InputStream in, OutputStream echo, LineDecoder decoder) {
        this.in = in;
        this.echo = echo;
        this.decoder = decoder;
    }

    @Override
    public void run() {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                echo(buf, n);
                decoder.feed(buf, 0, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (pseudo-terminals report EIO at the end): the input is over.
        } finally {
            decoder.finish();
        }
    }

    private void echo(byte[] buf, int n) {
        if (echo == null) {
            return;
        }
        try {
            echo.write(buf, 0, n);
            echo.flush();
        } catch (IOException e) {
            // The terminal went away (a closed pipe, a hung-up tty): keep capturing for viewers.
            echo = null;
        }
    }
}
