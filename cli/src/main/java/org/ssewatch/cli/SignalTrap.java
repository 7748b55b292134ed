package org.ssewatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into calls instead of letting the JVM die, so that ssewatch can
 * stop the command's whole process tree and still record and serve how the run ended. The handler
 * gets the count of signals so far, so a second Ctrl-C can mean "now".
 */
final class SignalTrap {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger interrupts = new AtomicInteger();
    /** How many Ctrl-Cs have had their "^C" line ended (guarded by this). */
    private int linesEnded;
    /** Where a SIGINT ends the line first: standard error when it is a terminal, else null. */
    private final OutputStream terminal = Terminals.isatty(2) ? new FileOutputStream(FileDescriptor.err) : null;

    void install(IntConsumer handler) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (s.getName().equals("INT")) {
                        endLine(interrupts.incrementAndGet());
                    }
                    handler.accept(count.incrementAndGet());
                });
            } catch (IllegalArgumentException e) {
                // This platform has no such signal, or the JVM reserves it (-Xrs): nothing to trap.
            }
        }
    }

    /**
     * Called once the command has ended: a command that Ctrl-C killed can end, and ssewatch with
     * it, before ssewatch's own handler of that Ctrl-C has run, so the line is ended here then.
     */
    void commandEnded(boolean bySigint) {
        if (bySigint) {
            endLine(Math.max(1, interrupts.get()));
        }
    }

    /**
     * The terminal echoes Ctrl-C as "^C" and leaves the cursor there: what ssewatch says next, and
     * the shell's prompt once it exits, would carry on from it. Once per Ctrl-C, whichever of the
     * handler and {@link #commandEnded} comes first.
     */
    private synchronized void endLine(int interrupt) {
        if (interrupt <= linesEnded) {
            return;
        }
        linesEnded = interrupt;
        if (terminal != null) {
            try {
                terminal.write('\n');
                terminal.flush();
            } catch (IOException e) {
                // The terminal is gone: there is no line to end.
            }
        }
    }
}
