package org.ssewatch.cli;

import com.sun.jna.Function;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one line to a FIFO in one write(2), through JNA (which pty4j brings): Java opens files
 * only blocking, and opening a FIFO to write waits forever when nothing reads it, which is what a
 * run killed by SIGKILL leaves behind. Opened non-blocking, that is ENXIO instead; the descriptor
 * is then made blocking again, so that a full pipe makes the writer wait rather than lose the line.
 */
final class FifoWriter {
    private static final int O_WRONLY = 1;
    private static final int O_NONBLOCK = 04000;
    private static final int F_SETFL = 4;
    private static final int ENXIO = 6;

    /** The FIFO has no reader: its run is over. */
    static final class NoReaderException extends IOException {
        NoReaderException() {
            super("no reader");
        }
    }

    private FifoWriter() {
    }

    static void write(Path fifo, byte[] line) throws IOException {
        int fd;
        try {
            fd = call("open", fifo.toString(), O_WRONLY | O_NONBLOCK);
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("no native access (JNA): " + e.getMessage(), e);
        }
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == ENXIO) {
                throw new NoReaderException();
            }
            throw new IOException("open failed (errno " + errno + ")");
        }
        try {
            if (call("fcntl", fd, F_SETFL, 0) != 0) {
                throw new IOException("fcntl failed (errno " + Native.getLastError() + ")");
            }
            // At most PIPE_BUF bytes (CommandEvent's cap): the kernel writes them at once, whole.
            int n = call("write", fd, line, (long) line.length);
            if (n != line.length) {
                throw new IOException("write failed (errno " + Native.getLastError() + ")");
            }
        } finally {
            call("close", fd);
        }
    }

    private static int call(String name, Object... args) {
        return Function.getFunction("c", name).invokeInt(args);
    }
}
