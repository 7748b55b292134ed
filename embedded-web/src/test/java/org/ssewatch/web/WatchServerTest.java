package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WatchServerTest {

    @Test
    void leavesOneCoreToTheCommandButAlwaysHasAnIoThread() {
        assertEquals(1, Listener.ioThreads(1));
        assertEquals(1, Listener.ioThreads(2));
        assertEquals(3, Listener.ioThreads(4));
        assertEquals(15, Listener.ioThreads(16));
    }
}
