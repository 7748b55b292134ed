package org.ssewatch.web.stream;

import java.io.IOException;
import org.xnio.ChannelListeners;
import org.xnio.channels.StreamSinkChannel;

/**
 * The end of a response whose last bytes are written: writes are shut and flushed, at once if the
 * socket takes them, else when it can, without holding a thread; a viewer that goes away meanwhile
 * is {@code failed}. Shared by the event stream and log.txt's follower, which end alike.
 */
final class ResponseEnd {
    private ResponseEnd() {
    }

    static void afterFlush(StreamSinkChannel channel, Runnable done, Runnable failed) throws IOException {
        channel.shutdownWrites();
        if (channel.flush()) {
            done.run();
            return;
        }
        channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(ch -> done.run(), (ch, e) -> failed.run()));
        channel.resumeWrites();
    }
}
