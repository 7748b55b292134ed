package org.ssewatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The viewer load tool: one process, one thread, N real HTTP/1.1 clients on loopback, each on its
 * own connection, driven by one NIO selector. SSE viewers read {@code events} from id 1; poll viewers
 * loop {@code poll?after=N} on a kept-alive connection as ssewatch.js's fallback does. Every viewer
 * counts the {@code stdout} events it receives, checks that their sequence numbers run 1, 2, 3, ...
 * with none missing or repeated, and, for lines written by {@code Flood rate}, records receipt time
 * minus the write time carried in the line (both from the machine's wall clock, in microseconds).
 *
 * <p>Raw sockets rather than the JDK's HttpClient: at 1,000 viewers x 1,000 lines/s the client must
 * take a million events a second on a machine whose other core runs ssewatch; this parses bytes in
 * place and allocates nothing per event. Measured: it needs about half a core for that (the table
 * reports its CPU next to ssewatch's). HttpClient was not measured side by side; see bench/README.md.
 *
 * <p>This class runs the selector loop and writes the report; a {@link Viewer} is one connection,
 * whose {@link ResponseParser} reads HTTP and SSE and whose {@link LineCounter} counts what came,
 * into the {@link Histogram} and {@link Timeline} all viewers share. {@link WarmUp} runs first.
 *
 * <pre>
 * Load --url URL [--sse N] [--poll M] [--expect LINES] [--deadline SECONDS] [--timeline FILE]
 * </pre>
 * Prints {@code READY} once every viewer is connected (SSE: response headers received; poll: first
 * answer received), then one {@code key=value} line of results when all are done or at the deadline.
 */
public final class Load {
    /** Connections opened whose viewer is not ready yet, at most (Undertow's accept backlog is 1,000). */
    static final int CONNECTING = 200;
    final Histogram latency = new Histogram();
    final Timeline timeline;
    final long expect;
    final String host;
    final int port;
    final String basePath;
    int ready;
    int done;

    Load(URI url, long expect, double seconds) {
        this.timeline = new Timeline(seconds);
        this.host = url.getHost();
        this.port = url.getPort();
        String p = url.getRawPath();
        this.basePath = p.endsWith("/") ? p : p + "/";
        this.expect = expect;
    }

    public static void main(String[] args) throws Exception {
        URI url = null;
        int sse = 0;
        int poll = 0;
        long expect = -1;
        double deadline = 60;
        String timelineFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[++i].trim());
                case "--sse" -> sse = Integer.parseInt(args[++i]);
                case "--poll" -> poll = Integer.parseInt(args[++i]);
                case "--expect" -> expect = Long.parseLong(args[++i]);
                case "--deadline" -> deadline = Double.parseDouble(args[++i]);
                case "--timeline" -> timelineFile = args[++i];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        WarmUp.run(url);
        Load load = new Load(url, expect, deadline);
        System.out.println(load.run(sse, poll, (long) (deadline * 1e9)));
        if (timelineFile != null) {
            load.timeline.write(Path.of(timelineFile));
        }
        System.out.flush();
        System.exit(0);
    }

    String run(int sse, int poll, long deadlineNanos) throws IOException {
        List<Viewer> all = new ArrayList<>();
        for (int i = 0; i < sse + poll; i++) {
            all.add(new Viewer(this, i < sse));
        }
        // The viewers' buffers are all allocated now: collect once, before the clock starts and
        // before any request, so that this tool's first collection (copying them out of the young
        // generation) pauses neither the fan-out's viewers nor catch-up's reading of history.
        System.gc();
        long t0 = System.nanoTime();
        long hardStop = t0 + deadlineNanos;
        Selector selector = Selector.open();
        int opened = 0;
        boolean announced = false;
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        byte[] arr = new byte[256 * 1024];
        while (done < all.size()) {
            // Connections go out at a bounded pace: at most CONNECTING of them without their
            // response yet, so that ssewatch's accept backlog never overflows (a dropped SYN is
            // retried a second later and would count as a slow viewer's start, not as ssewatch's).
            while (opened < all.size() && opened - ready < CONNECTING) {
                open(all.get(opened++), selector);
            }
            if (!announced && ready == all.size()) {
                System.out.println("READY");
                System.out.flush();
                announced = true;
            }
            long left = hardStop - System.nanoTime();
            if (left <= 0) {
                break;
            }
            selector.select(Math.max(1, Math.min(100, left / 1_000_000)));
            drain(selector, buf, arr);
        }
        long elapsed = System.nanoTime() - t0;
        return report(all, elapsed);
    }

    private static void open(Viewer c, Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(new InetSocketAddress(c.load.host, c.load.port)); // blocking: loopback, quick
        ch.configureBlocking(false);
        c.ch = ch;
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        c.connectedAt = System.nanoTime();
        c.sendRequest();
    }

    /** Reads what the selected viewers' sockets have: a viewer reads as fast as a browser would. */
    static void drain(Selector selector, ByteBuffer buf, byte[] arr) {
        for (SelectionKey k : selector.selectedKeys()) {
            Viewer c = (Viewer) k.attachment();
            if (c.finished) {
                continue;
            }
            for (int rounds = 0; rounds < 8 && !c.finished; rounds++) {
                buf.clear();
                int n;
                try {
                    n = c.ch.read(buf);
                } catch (IOException e) {
                    c.fail("read: " + e.getMessage());
                    break;
                }
                if (n < 0) {
                    c.eof();
                    break;
                }
                if (n == 0) {
                    break;
                }
                buf.flip();
                buf.get(arr, 0, n);
                c.nowMicros = nowMicros();
                c.feed(arr, 0, n);
                if (n < buf.capacity()) {
                    break;
                }
            }
        }
        selector.selectedKeys().clear();
    }

    private String report(List<Viewer> all, long elapsedNanos) {
        long complete = 0;
        long lines = 0;
        long minLines = Long.MAX_VALUE;
        long outOfOrder = 0;
        long gaps = 0;
        long requests = 0;
        long lastDoneNanos = 0;
        String firstError = null;
        int errors = 0;
        for (Viewer c : all) {
            lines += c.counter.lines;
            minLines = Math.min(minLines, c.counter.lines);
            outOfOrder += c.counter.outOfOrder;
            gaps += c.counter.gaps;
            requests += c.requests;
            if (c.complete()) {
                complete++;
            }
            if (c.error != null) {
                errors++;
                if (firstError == null) {
                    firstError = c.error.replace(' ', '_');
                }
            }
            lastDoneNanos = Math.max(lastDoneNanos, c.doneAt == 0 ? 0 : c.doneAt - c.connectedAt);
        }
        return "RESULT viewers=" + all.size() + " complete=" + complete + " lines=" + lines
                + " minLines=" + (all.isEmpty() ? 0 : minLines) + " expectEach=" + expect
                + " outOfOrder=" + outOfOrder + " gaps=" + gaps + " errors=" + errors
                + " firstError=" + firstError + " requests=" + requests
                + " samples=" + latency.count() + " p50us=" + latency.percentile(0.50)
                + " p99us=" + latency.percentile(0.99) + " maxus=" + latency.max()
                + " elapsedMs=" + elapsedNanos / 1_000_000 + " slowestMs=" + lastDoneNanos / 1_000_000;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

}
