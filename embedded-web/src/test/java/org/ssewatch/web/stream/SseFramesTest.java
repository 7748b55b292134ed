package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.Event;

class SseFramesTest {
    @Test
    void aFrameHasIdEventAndOneDataLineWithTheSpaceAfterTheColon() {
        Event e = new Event(1234567, "stdout", "{\"text\":\" x\"}".getBytes(StandardCharsets.UTF_8));
        String frame = new String(SseFrames.frame(e), StandardCharsets.UTF_8);
        assertEquals("id: 1234567\nevent: stdout\ndata: {\"text\":\" x\"}\n\n", frame);
        assertEquals(frame.length(), SseFrames.size(e));
    }

    @Test
    void framesAreWrittenAtTheBufferPosition() {
        ByteBuffer b = ByteBuffer.allocate(100);
        b.put((byte) 'x');
        Event e = new Event(9, "exit", "{}".getBytes(StandardCharsets.UTF_8));
        SseFrames.write(e, b);
        assertEquals("xid: 9\nevent: exit\ndata: {}\n\n", new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
    }

    @Test
    void retryIsAFieldOfItsOwnBlock() {
        assertEquals("retry: 2000\n\n", new String(SseFrames.retry(2000), StandardCharsets.US_ASCII));
    }
}
