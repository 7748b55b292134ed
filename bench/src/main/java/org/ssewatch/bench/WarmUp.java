package org.ssewatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link Load}'s warm-up, before any viewer connects. */
final class WarmUp {
    private WarmUp() {
    }

    /**
     * Runs the SSE parser over made-up traffic until the JIT has compiled it, then the socket path
     * ({@link #sockets}), before any viewer connects: otherwise the first second of a run
     * would measure this tool's interpreter and compiler rather than ssewatch. Its counts go to a
     * throwaway instance. The poll path is not warmed (a poll viewer answers by sending its next
     * request); the poll case has no latency target.
     */
    static void run(URI url) {
        Load dummy = new Load(url, -1, 1);
        long until = System.nanoTime() + 1_000_000_000L;
        for (boolean flood = false; System.nanoTime() < until; flood = !flood) {
            // Each viewer gets its lines in order, as in a run, so that the profile the JIT compiles
            // by is a run's (out-of-order lines made it recompile the parser once the run began);
            // every other one gets catch-up's flood lines, so that their branch is compiled too.
            Viewer c = new Viewer(dummy, true);
            c.feed(RESPONSE_HEAD, 0, RESPONSE_HEAD.length);
            for (int seq = 1; seq <= 12_800; seq += 64) {
                byte[] chunk = flood ? floodChunk(seq, 64) : chunk(seq, 64);
                c.nowMicros = Load.nowMicros();
                c.feed(chunk, 0, chunk.length);
            }
        }
        try {
            sockets(dummy);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("warm-up over loopback failed: " + e, e);
        }
    }

    private static final byte[] RESPONSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * An HTTP chunk of {@code count} stdout events, lines {@code from}, from + 1, ..., stamped as
     * written 0 to 90 ms ago: latencies on both sides of 50 ms, so that the compiled code has seen
     * every branch a run takes and is not thrown away at the run's first slow line.
     */
    private static byte[] chunk(long from, int count) {
        StringBuilder sb = new StringBuilder();
        long micros = Load.nowMicros() - (from % 7) * 15_000;
        for (long seq = from; seq < from + count; seq++) {
            sb.append("id: ").append(seq).append("\nevent: stdout\ndata: {\"line\":").append(seq)
                    .append(",\"time\":").append(micros / 1000).append(",\"text\":\"");
            Flood.rateLine(sb, micros, seq);
            sb.append("\"}\n\n");
        }
        return httpChunk(sb);
    }

    /** Like {@link #chunk}, with the lines {@code Flood flood} writes (they carry no write time). */
    private static byte[] floodChunk(long from, int count) {
        StringBuilder sb = new StringBuilder();
        byte[] line = Flood.floodLine(64);
        for (long seq = from; seq < from + count; seq++) {
            Flood.numberFloodLine(line, seq);
            sb.append("id: ").append(seq).append("\nevent: stdout\ndata: {\"line\":").append(seq)
                    .append(",\"time\":").append(System.currentTimeMillis()).append(",\"text\":\"")
                    .append(new String(line, 0, line.length - 1, StandardCharsets.US_ASCII)).append("\"}\n\n");
        }
        return httpChunk(sb);
    }

    private static byte[] httpChunk(CharSequence events) {
        int size = events.toString().getBytes(StandardCharsets.US_ASCII).length;
        return (Integer.toHexString(size) + "\r\n" + events + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Then a second of small writes, as ssewatch's wake-ups make them, through loopback sockets, a
     * selector and {@link #drain}, so that the JDK's socket and selector code is compiled too:
     * without this, this tool compiled 10-20 methods with C2 per 100 ms in the first 300 ms of
     * every run (its JIT log), on the 2 cores it shares with ssewatch.
     */
    private static void sockets(Load dummy) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<SocketChannel> senders = new ArrayList<>();
            List<SocketChannel> viewers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                SocketChannel ch = SocketChannel.open(server.getLocalAddress());
                SocketChannel sender = server.accept();
                sender.write(ByteBuffer.wrap(RESPONSE_HEAD));
                ch.configureBlocking(false);
                Viewer c = new Viewer(dummy, true);
                c.ch = ch;
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                senders.add(sender);
                viewers.add(ch);
            }
            long until = System.nanoTime() + 1_000_000_000L;
            Thread writer = new Thread(() -> {
                try {
                    for (long seq = 1; System.nanoTime() < until; seq += 4) {
                        byte[] chunk = chunk(seq, 4);
                        for (SocketChannel sender : senders) {
                            sender.write(ByteBuffer.wrap(chunk));
                        }
                    }
                } catch (IOException e) {
                    // closed under it (below): the warm-up is over either way
                }
            }, "warm-up-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
                byte[] arr = new byte[256 * 1024];
                while (writer.isAlive() && System.nanoTime() < until + 2_000_000_000L) {
                    selector.select(10);
                    Load.drain(selector, buf, arr);
                }
            } finally {
                // Closing the writer's own channels is what frees it if it is blocked in a write
                // (closing a registered viewer channel would wait for the selector).
                for (SocketChannel sender : senders) {
                    sender.close();
                }
                writer.join(5_000);
                for (SocketChannel ch : viewers) {
                    ch.close();
                }
            }
        }
    }
}
