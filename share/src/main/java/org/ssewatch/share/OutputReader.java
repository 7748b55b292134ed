package org.ssewatch.share;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * Reads all of the command's output streams on one thread, in the order the bytes arrive: each
 * chunk goes to the terminal unchanged and to its stream's {@link LineDecoder}. With one reader,
 * output written to stdout and stderr a little apart (see docs/PROTOCOL.md for the measured rates)
 * is recorded in the order it was written, as a terminal shows it; two reader threads, one per
 * stream, reorder it whenever one of them is scheduled late.
 *
 * <p>Reading goes on after the command exits for as long as anything (a background child) holds a
 * pipe, up to the drain deadline, so late output is recorded before the run's {@code exit}.
 */
final class OutputReader implements OutputCapture, AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private volatile long drainDeadline = Long.MAX_VALUE;
    /** Streams not ended yet (reader thread only). */
    private int open;

    /** One stream: what the command writes into {@code source} goes to {@code echo} and {@code decoder}. */
    record Stream(Pipe.SourceChannel source, OutputStream echo, LineDecoder decoder) {
    }

    OutputReader(Iterable<Stream> streams) throws IOException {
        selector = Selector.open();
        try {
            for (Stream s : streams) {
                s.source().configureBlocking(false);
                s.source().register(selector, SelectionKey.OP_READ, new Reading(s));
                open++;
            }
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        thread = new Thread(this::run, "ssewatch-output");
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    /**
     * Waits until every stream has ended, or until {@code deadlineNanos} (System.nanoTime) if
     * something still holds one open then; what was read by then is recorded either way.
     */
    @Override
    public void drain(long deadlineNanos) throws InterruptedException {
        drainDeadline = deadlineNanos;
        selector.wakeup();
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) + 1000));
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            while (open > 0) {
                long left = drainDeadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                int ready = drainDeadline == Long.MAX_VALUE ? selector.select()
                        : selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (ready == 0) {
                    continue;
                }
                // One read per ready stream per round, so a stream that floods cannot hold back
                // what another wrote meanwhile.
                for (SelectionKey key : selector.selectedKeys()) {
                    if (((Reading) key.attachment()).readOnce(key, buf)) {
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // The selector failed: end every stream with what it had (below).
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((Reading) key.attachment()).end(key);
            }
            close();
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing is left to read from it.
        }
    }

    /** A stream being read. */
    private static final class Reading {
        private final Stream stream;
        private OutputStream echo;
        private boolean ended;

        Reading(Stream stream) {
            this.stream = stream;
            this.echo = stream.echo();
        }

        /** Reads what is there; true when the stream has ended. */
        boolean readOnce(SelectionKey key, ByteBuffer buf) {
            int n;
            try {
                buf.clear();
                n = stream.source().read(buf);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                end(key);
                return true;
            }
            if (n > 0) {
                echo(buf.array(), n);
                stream.decoder().feed(buf.array(), 0, n);
            }
            return false;
        }

        private void echo(byte[] bytes, int n) {
            if (echo == null) {
                return;
            }
            try {
                echo.write(bytes, 0, n);
                echo.flush();
            } catch (IOException e) {
                // The terminal went away (a closed pipe, a hung-up tty): keep capturing for viewers.
                echo = null;
            }
        }

        void end(SelectionKey key) {
            if (ended) {
                return;
            }
            ended = true;
            key.cancel();
            try {
                stream.source().close();
            } catch (IOException ignored) {
                // Closing the reading end: a writer left behind now gets EPIPE, as with any reader that stopped.
            }
            stream.decoder().finish();
        }
    }
}
