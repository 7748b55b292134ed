package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WatchServerTest {

    @Test
    void leavesOneCoreToTheCommandButAlwaysHasAnIoThread() {
        assertEquals(1, WatchServer.ioThreads(1));
        assertEquals(1, WatchServer.ioThreads(2));
        assertEquals(3, WatchServer.ioThreads(4));
        assertEquals(15, WatchServer.ioThreads(16));
    }
}
