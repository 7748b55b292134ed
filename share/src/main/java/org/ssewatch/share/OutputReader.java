package org.ssewatch.share;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 *
 * <p>A reader waits for its pipe to become readable (a selector of its own) before it reads, so
 * that it can count the reads that may have taken bytes: {@link #caughtUp} compares that count
 * with the reads recorded, and the bytes still in the pipe (FIONREAD), to tell when everything
 * written so far is in the journal.
 */
final class OutputReader implements OutputCapture {
    private static final int BUFFER = 64 * 1024;

    /** Fair: granted in the order the readers asked, which is the order their bytes arrived. */
    private final ReentrantLock turn = new ReentrantLock(true);
    private final List<Reading> readings = new ArrayList<>();

    /** Longest wait of {@link #caughtUp} for one pipe: past it, a reader held up (a terminal stopped by Ctrl-S) is not waited for. */
    private static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * One stream: what the command writes into {@code source} goes to {@code echo} and {@code decoder};
     * {@code fd} is the descriptor of {@code source}, or -1 when unknown.
     */
    record Stream(String type, Pipe.SourceChannel source, int fd, OutputStream echo, LineDecoder decoder) {
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

    /**
     * Returns once every byte in the pipes at the time of the call has been recorded (or after
     * {@link #CATCH_UP_NANOS} for a pipe whose reader is held up).
     */
    @Override
    public void caughtUp() {
        for (Reading r : readings) {
            r.caughtUp();
        }
    }

    /** A pipe being read, on its own thread. */
    private final class Reading implements Runnable {
        private final Stream stream;
        private final Thread thread;
        private OutputStream echo;
        private volatile Selector selector;
        /** Reads begun: each may take bytes from the pipe. Written by the reading thread only. */
        private volatile long begun;
        /** Of those, the reads whose bytes are recorded (or that took none). */
        private volatile long recorded;

        Reading(Stream stream) {
            this.stream = stream;
            this.echo = stream.echo();
            this.thread = new Thread(this, "ssewatch-" + stream.type());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            try (Selector sel = Selector.open()) {
                selector = sel;
                stream.source().configureBlocking(false);
                stream.source().register(sel, SelectionKey.OP_READ);
                while (true) {
                    buf.clear();
                    begun++;
                    int n = stream.source().read(buf);
                    if (n < 0) {
                        break;
                    }
                    if (n > 0) {
                        turn.lock();
                        try {
                            echo(buf.array(), n);
                            stream.decoder().feed(buf.array(), 0, n);
                        } finally {
                            turn.unlock();
                        }
                    }
                    recorded = begun;
                    if (n == 0) {
                        sel.select();
                        sel.selectedKeys().clear();
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

        /**
         * Bytes read by now were taken by reads up to {@code begun}; bytes still in the pipe are
         * taken by the reads after it, 64 KiB each. Measured level first, count second: a read
         * counted then began after the level was measured. The wait is measured again every
         * millisecond, since the bytes may have been taken by a read already under way, after
         * which the next read waits for new output.
         */
        void caughtUp() {
            if (stream.fd() < 0) {
                return;
            }
            long deadline = System.nanoTime() + CATCH_UP_NANOS;
            while (thread.isAlive() && System.nanoTime() < deadline) {
                int level = PipeLevel.of(stream.fd());
                if (level < 0) {
                    return;
                }
                long need = begun + (level + BUFFER - 1) / BUFFER;
                long until = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1));
                while (recorded < need && thread.isAlive() && System.nanoTime() < until) {
                    LockSupport.parkNanos(20_000);
                }
                if (recorded >= need) {
                    return;
                }
            }
        }

        void stop() {
            try {
                stream.source().close();
            } catch (IOException ignored) {
                // Closing the reading end: nothing more can be read from it either way.
            }
            Selector sel = selector;
            if (sel != null) {
                sel.wakeup(); // a registered channel's close waits for its selector
            }
        }
    }
}
