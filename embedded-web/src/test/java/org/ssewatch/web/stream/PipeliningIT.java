package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.web.RawHttp;
import org.ssewatch.web.TestServer;

/**
 * Clients that send more on a connection while its response is held open (an event stream, a
 * held poll): browsers never do, but anyone can. They once got no answer at all, and their places
 * under --max-viewers were never given back, so 256 such connections locked every viewer out.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeliningIT {
    private static final String[] EXTRA = {"X", "GET /other HTTP/1.1\r\nHost: x\r\n\r\n"};

    @Test
    void aStreamWithPipelinedBytesIsAnsweredAndItsPlaceIsFreedWhenTheClientHangsUp() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withMaxViewers(2)).started()) {
            s.recorder.lines("stdout").line("first");
            for (int round = 0; round < 3; round++) {
                for (String extra : EXTRA) {
                    List<RawHttp> held = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        RawHttp c = RawHttp.open(s);
                        held.add(c);
                        c.send(c.get("events", "") + extra);
                        String head = c.head();
                        assertTrue(head.startsWith("HTTP/1.1 200"), head);
                        assertTrue(head.toLowerCase().contains("connection: close"), head);
                        c.readUntil("first");
                    }
                    s.awaitViewers(2, Duration.ofSeconds(20));
                    for (RawHttp c : held) {
                        c.close();
                    }
                    s.awaitViewers(0, Duration.ofSeconds(20));
                }
            }
            assertEquals(200, s.get("poll?after=0&wait=0").statusCode(), "places are free again");
        }
    }

    @Test
    void aStreamWithPipelinedBytesStillGetsEveryEventAndEndsWithTheRun() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            try (RawHttp c = RawHttp.open(s)) {
                c.send(c.get("events", "") + EXTRA[1]);
                assertTrue(c.head().startsWith("HTTP/1.1 200"));
                s.recorder.lines("stdout").line("live");
                c.readUntil("live");
                s.exit(0);
                String rest = c.readToEnd();
                assertTrue(rest.contains("event: exit"), rest);
                assertTrue(!rest.contains("HTTP/1.1"), "the pipelined request is not answered: " + rest);
            }
            s.awaitViewers(0, Duration.ofSeconds(20));
        }
    }

    /** Undertow's buffering of pipelined responses is off; answers still come, each in turn. */
    @Test
    void pipelinedRequestsThatAreNotHeldAreAnsweredInOrderOnTheOneConnection() throws Exception {
        try (TestServer s = TestServer.start().started(); RawHttp c = RawHttp.open(s)) {
            c.send(c.get("api/status", "") + c.get("poll?after=0&wait=0", "") + c.get("favicon.svg", ""));
            String status = c.response();
            String poll = c.response();
            String icon = c.response();
            assertTrue(status.startsWith("HTTP/1.1 200") && status.contains("\"state\":\"running\""), status);
            assertTrue(poll.startsWith("HTTP/1.1 200") && poll.contains("\"type\":\"start\""), poll);
            assertTrue(icon.startsWith("HTTP/1.1 200") && icon.contains("<svg"), icon);
            s.awaitViewers(0, Duration.ofSeconds(20));
        }
    }

    @Test
    void aHeldPollWithPipelinedBytesIsAnsweredAndItsPlaceIsFreedWhenTheClientHangsUp() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withMaxViewers(2)).started()) {
            for (String extra : EXTRA) {
                long after = s.journal.lastId();
                List<RawHttp> held = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    RawHttp c = RawHttp.open(s);
                    held.add(c);
                    c.send(c.get("poll?after=" + after, "") + extra);
                }
                s.awaitViewers(2, Duration.ofSeconds(20));
                held.get(0).close();
                s.awaitViewers(1, Duration.ofSeconds(20));
                s.recorder.lines("stdout").line("wakes the held poll");
                String answer = held.get(1).head();
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.toLowerCase().contains("connection: close"), answer);
                held.get(1).readUntil("wakes the held poll");
                held.get(1).close();
                s.awaitViewers(0, Duration.ofSeconds(20));
            }
        }
    }
}
