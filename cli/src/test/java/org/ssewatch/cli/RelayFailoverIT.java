package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two relays (the real jar) behind a real nginx that runs docs/nginx.md's upstream block, round
 * robin, and a viewer with an independent SSE client: when its connection is cut mid-run, or the
 * relay it is on is killed, it resumes with Last-Event-ID, lands on the other relay (nginx's
 * X-Upstream header and the relays' own viewer counts both say so), and has every event once:
 * the publisher's own stream, event for event.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayFailoverIT extends RelayFixture {
    @Test
    void aViewerWhoseConnectionIsCutMidRunGoesOnThroughTheOtherRelayWithNoEventLostOrTwice() throws Exception {
        failOver(false);
    }

    @Test
    void aViewerWhoseRelayIsKilledMidRunResumesThroughTheOtherWithLastEventIdAndNoEventLostOrTwice() throws Exception {
        failOver(true);
    }

    private void failOver(boolean kill) throws Exception {
        twoRelaysBehindNginx(20);
        String run = publisher.runId;
        try (SseViewer viewer = new SseViewer(through.resolve("runs/" + run + "/events"))) {
            viewer.readThroughLine(20);
            assertEquals(200, viewer.connections().get(0).status(), "connected at once: " + viewer.connections());
            RelayNode first = servedBy(viewer.connections().get(0).upstream());
            RelayNode second = other(first);
            first.awaitViewers(run, 1);
            assertEquals(0, second.viewers(run), "the viewer is on relay " + first.name + " only");

            CompletableFuture<Void> meanwhile = publisher.linesMeanwhile(21, 300, 2_000);
            viewer.readThroughLine(100);
            if (kill) {
                first.kill(); // lines still coming: nginx sees the relay's connection drop mid-stream
            } else {
                viewer.cut();
            }
            viewer.readFromNextConnection(); // the client's own retry, through nginx
            assertEquals(2, viewer.connections().size(), "one reconnection: " + viewer.connections());
            assertSame(second, servedBy(viewer.connections().get(1).upstream()), "nginx sent the viewer to the other relay");
            second.awaitViewers(run, 1);
            if (!kill) {
                first.awaitViewers(run, 0); // the cut was real: nginx closed its connection to the first relay too
            }
            meanwhile.get();
            publisher.lines(301, 400);
            publisher.end();
            List<SseViewer.Received> got = viewer.readToExit();

            viewer.assertEveryLineOnceAsPublished(got, publisher, 400);
            viewer.assertEachResumeFromTheLastEventBefore();
            assertEquals(2, viewer.connections().size(), "no other reconnection: " + viewer.connections());
        }
    }
}
