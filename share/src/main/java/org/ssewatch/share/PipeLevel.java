package org.ssewatch.share;

import com.sun.jna.Function;
import com.sun.jna.ptr.IntByReference;

/** How many bytes wait unread in a pipe (Linux's FIONREAD), through JNA, which pty4j brings. */
final class PipeLevel {
    private static final int FIONREAD = 0x541B;
    /** Looked up once: the first look-up loads libc through JNA, a tenth of a second or more. */
    private static volatile Function ioctl;

    private PipeLevel() {
    }

    /** The bytes in the pipe of descriptor {@code fd}, or -1 when that cannot be told. */
    static int of(int fd) {
        try {
            IntByReference n = new IntByReference();
            Function f = ioctl;
            if (f == null) {
                f = Function.getFunction("c", "ioctl");
                ioctl = f;
            }
            int r = f.invokeInt(new Object[] {fd, FIONREAD, n});
            return r == 0 ? n.getValue() : -1;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
