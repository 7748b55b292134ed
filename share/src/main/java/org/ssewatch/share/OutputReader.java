package org.ssewatch.share;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the command's output pipes, each chunk to the terminal unchanged and to its stream's
 * {@link LineDecoder}, recording stdout and stderr in the order the command wrote them whenever
 * the writes are a little apart (docs/PROTOCOL.md has the measured rates).
 *
 * <p>One thread per pipe waits in {@code read}: the kernel wakes the readers in the order the
 * writes happened, and a reader that has its bytes queues at once, in a fair lock, for its turn
 * to record them. The order of arrival is therefore kept however long a reader then waits for a
 * core, or for the other one to finish decoding. (Readers that record independently reorder
 * whenever one is scheduled late; one thread polling both pipes cannot tell which of two became
 * readable first once it is late itself, which on a busy machine is often.)
 *
 * <p>Reading goes on after the command exits for as long as anything (a background child) holds a
 * pipe, up to the drain deadline, so late output is recorded before the run's {@code exit}.
 */
final class OutputReader implements OutputCapture {
    private static final int BUFFER = 64 * 1024;

    /** Fair: granted in the order the readers asked, which is the order their bytes arrived. */
    private final ReentrantLock turn = new ReentrantLock(true);
    private final List<Reading> readings = new ArrayList<>();

    /** One stream: what the command writes into {@code source} goes to {@code echo} and {@code decoder}. */
    record Stream(String type, Pipe.SourceChannel source, OutputStream echo, LineDecoder decoder) {
    }

    OutputReader(Iterable<Stream> streams) {
        for (Stream s : streams) {
            readings.add(new Reading(s));
        }
    }

    @Override
    public void start() {
        readings.forEach(r -> r.thread.start());
    }

    /**
     * Waits until every stream has ended, or until {@code deadlineNanos} (System.nanoTime) if
     * something still holds one open then; what was read by then is recorded either way.
     */
    @Override
    public void drain(long deadlineNanos) throws InterruptedException {
        for (Reading r : readings) {
            r.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        }
        for (Reading r : readings) {
            r.stop(); // a child left behind still holds it: stop reading (it then gets EPIPE)
        }
        for (Reading r : readings) {
            r.thread.join();
        }
    }

    /** A pipe being read, on its own thread. */
    private final class Reading implements Runnable {
        private final Stream stream;
        private final Thread thread;
        private OutputStream echo;

        Reading(Stream stream) {
            this.stream = stream;
            this.echo = stream.echo();
            this.thread = new Thread(this, "ssewatch-" + stream.type());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            try {
                while (true) {
                    buf.clear();
                    int n = stream.source().read(buf);
                    if (n < 0) {
                        break;
                    }
                    turn.lock();
                    try {
                        echo(buf.array(), n);
                        stream.decoder().feed(buf.array(), 0, n);
                    } finally {
                        turn.unlock();
                    }
                }
            } catch (IOException e) {
                // Closed by stop() after the drain deadline, or a read error: the stream is over.
            } finally {
                stop();
                turn.lock();
                try {
                    stream.decoder().finish();
                } finally {
                    turn.unlock();
                }
            }
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

        void stop() {
            try {
                stream.source().close();
            } catch (IOException ignored) {
                // Closing the reading end: nothing more can be read from it either way.
            }
        }
    }
}
