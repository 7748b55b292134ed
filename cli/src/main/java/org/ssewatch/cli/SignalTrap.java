package org.ssewatch.cli;

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

    void install(IntConsumer handler) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), s -> handler.accept(count.incrementAndGet()));
            } catch (IllegalArgumentException e) {
                // This platform has no such signal, or the JVM reserves it (-Xrs): nothing to trap.
            }
        }
    }
}
