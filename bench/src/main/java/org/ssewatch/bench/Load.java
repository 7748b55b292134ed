package org.ssewatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * <pre>
 * Load --url URL [--sse N] [--poll M] [--expect LINES] [--deadline SECONDS] [--timeline FILE]
 * </pre>
 * Prints {@code READY} once every viewer is connected (SSE: response headers received; poll: first
 * answer received), then one {@code key=value} line of results when all are done or at the deadline.
 */
public final class Load {
    private static final byte[] TEXT_T = "\"text\":\"T".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_LINE = "\"text\":\"line ".getBytes(StandardCharsets.US_ASCII);

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
        warmUp(url);
        Load load = new Load(url, expect, deadline);
        System.out.println(load.run(sse, poll, (long) (deadline * 1e9)));
        if (timelineFile != null) {
            load.timeline.write(Path.of(timelineFile));
        }
        System.out.flush();
        System.exit(0);
    }

    /**
     * Runs the SSE parser over made-up traffic until the JIT has compiled it, then the socket path
     * ({@link #warmUpSockets}), before any viewer connects: otherwise the first second of a run
     * would measure this tool's interpreter and compiler rather than ssewatch. Its counts go to a
     * throwaway instance. The poll path is not warmed (a poll viewer answers by sending its next
     * request); the poll case has no latency target.
     */
    static void warmUp(URI url) {
        Load dummy = new Load(url, -1, 1);
        long until = System.nanoTime() + 1_000_000_000L;
        for (boolean flood = false; System.nanoTime() < until; flood = !flood) {
            // Each viewer gets its lines in order, as in a run, so that the profile the JIT compiles
            // by is a run's (out-of-order lines made it recompile the parser once the run began);
            // every other one gets catch-up's flood lines, so that their branch is compiled too.
            Conn c = dummy.new Conn(true);
            c.feed(RESPONSE_HEAD, 0, RESPONSE_HEAD.length);
            for (int seq = 1; seq <= 12_800; seq += 64) {
                byte[] chunk = flood ? floodChunk(seq, 64) : chunk(seq, 64);
                c.nowMicros = nowMicros();
                c.feed(chunk, 0, chunk.length);
            }
        }
        try {
            warmUpSockets(dummy);
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
        long micros = nowMicros() - (from % 7) * 15_000;
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
    static void warmUpSockets(Load dummy) throws IOException, InterruptedException {
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
                Conn c = dummy.new Conn(true);
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
                    drain(selector, buf, arr);
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

    String run(int sse, int poll, long deadlineNanos) throws IOException {
        List<Conn> all = new ArrayList<>();
        for (int i = 0; i < sse + poll; i++) {
            all.add(new Conn(i < sse));
        }
        // The viewers' buffers are all allocated now: collect once, before the clock starts and
        // before any request, so that this tool's first collection (copying them out of the young
        // generation) pauses neither the fan-out's viewers nor catch-up's reading of history.
        System.gc();
        long t0 = System.nanoTime();
        long hardStop = t0 + deadlineNanos;
        Selector selector = Selector.open();
        for (Conn c : all) {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(new InetSocketAddress(host, port)); // blocking: loopback, quick
            ch.configureBlocking(false);
            c.ch = ch;
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            c.connectedAt = System.nanoTime();
            c.sendRequest();
        }
        boolean announced = false;
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        byte[] arr = new byte[256 * 1024];
        while (done < all.size()) {
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

    /** Reads what the selected viewers' sockets have: a viewer reads as fast as a browser would. */
    static void drain(Selector selector, ByteBuffer buf, byte[] arr) {
        for (SelectionKey k : selector.selectedKeys()) {
            Conn c = (Conn) k.attachment();
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

    private String report(List<Conn> all, long elapsedNanos) {
        long complete = 0;
        long lines = 0;
        long minLines = Long.MAX_VALUE;
        long outOfOrder = 0;
        long gaps = 0;
        long requests = 0;
        long lastDoneNanos = 0;
        String firstError = null;
        int errors = 0;
        for (Conn c : all) {
            lines += c.lines;
            minLines = Math.min(minLines, c.lines);
            outOfOrder += c.outOfOrder;
            gaps += c.gaps;
            requests += c.requests;
            boolean ok = c.sawExit && c.error == null && c.outOfOrder == 0 && c.gaps == 0
                    && (expect < 0 || c.lines == expect);
            if (ok) {
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

    /** One viewer: its connection, the HTTP response parser and the event parser. */
    final class Conn {
        final boolean sse;
        SocketChannel ch;
        SelectionKey key;
        long connectedAt;
        long doneAt;
        long nowMicros;
        boolean finished;
        boolean sawExit;
        boolean counted; // counted as ready
        String error;
        long lines;
        long lastSeq;
        long outOfOrder;
        long gaps;
        long requests;
        long after;

        // HTTP response state
        private static final int HEAD = 0;
        private static final int CHUNK_SIZE = 1;
        private static final int CHUNK_DATA = 2;
        private static final int CHUNK_CRLF = 3;
        private static final int IDENTITY = 4;
        private int state = HEAD;
        private final byte[] head = new byte[8192];
        private int headLen;
        private boolean chunked;
        private long remaining; // of a chunk, or of a Content-Length body (-1: until close)
        private long chunkSize;
        private boolean chunkSizeDone;

        // Body: SSE lines, or the poll answer
        private byte[] line = new byte[4096];
        private int lineLen;
        private int eventType; // 0 none, 1 stdout, 2 exit, 3 gap, 4 other
        private byte[] body; // poll answers only
        private int bodyLen;

        Conn(boolean sse) {
            this.sse = sse;
            this.body = sse ? null : new byte[64 * 1024];
        }

        void sendRequest() {
            String target = sse ? basePath + "events" : basePath + "poll?after=" + after;
            String req = "GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: "
                    + (sse ? "text/event-stream" : "application/json") + "\r\n\r\n";
            requests++;
            try {
                ByteBuffer b = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    if (ch.write(b) == 0) {
                        Thread.onSpinWait(); // a tiny request into an empty socket buffer: never for long
                    }
                }
            } catch (IOException e) {
                fail("write: " + e.getMessage());
            }
            state = HEAD;
            headLen = 0;
            bodyLen = 0;
        }

        void feed(byte[] b, int off, int len) {
            int end = off + len;
            int i = off;
            while (i < end && !finished) {
                switch (state) {
                    case HEAD -> i = head(b, i, end);
                    case CHUNK_SIZE -> {
                        byte c = b[i++];
                        if (c == '\n') {
                            if (chunkSize == 0) {
                                state = CHUNK_CRLF; // last chunk: the empty trailer line follows
                                remaining = -2;
                            } else {
                                remaining = chunkSize;
                                state = CHUNK_DATA;
                            }
                        } else if (c == ';' || c == '\r') {
                            chunkSizeDone = true;
                        } else if (!chunkSizeDone) {
                            chunkSize = chunkSize * 16 + Character.digit(c, 16);
                        }
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, end - i);
                        body(b, i, n);
                        i += n;
                        remaining -= n;
                        if (remaining == 0) {
                            state = CHUNK_CRLF;
                        }
                    }
                    case CHUNK_CRLF -> {
                        byte c = b[i++];
                        if (c == '\n') {
                            if (remaining == -2) {
                                responseEnd();
                            } else {
                                chunkSize = 0;
                                chunkSizeDone = false;
                                state = CHUNK_SIZE;
                            }
                        }
                    }
                    case IDENTITY -> {
                        int n = remaining < 0 ? end - i : (int) Math.min(remaining, end - i);
                        body(b, i, n);
                        i += n;
                        if (remaining > 0) {
                            remaining -= n;
                            if (remaining == 0) {
                                responseEnd();
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }

        private int head(byte[] b, int i, int end) {
            while (i < end) {
                if (headLen == head.length) {
                    fail("response head too long");
                    return end;
                }
                head[headLen++] = b[i++];
                if (headLen >= 4 && head[headLen - 1] == '\n' && head[headLen - 2] == '\r'
                        && head[headLen - 3] == '\n' && head[headLen - 4] == '\r') {
                    String h = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
                    String lower = h.toLowerCase();
                    int status = Integer.parseInt(h.substring(9, 12));
                    if (status != 200) {
                        fail("HTTP " + status);
                        return end;
                    }
                    chunked = lower.contains("transfer-encoding: chunked");
                    int cl = lower.indexOf("content-length:");
                    if (chunked) {
                        state = CHUNK_SIZE;
                        chunkSize = 0;
                        chunkSizeDone = false;
                    } else {
                        state = IDENTITY;
                        remaining = cl < 0 ? -1
                                : Long.parseLong(lower.substring(cl + 15, lower.indexOf('\r', cl)).trim());
                        if (remaining == 0) {
                            responseEnd();
                        }
                    }
                    if (sse && !counted) {
                        counted = true;
                        ready++;
                    }
                    return i;
                }
            }
            return i;
        }

        private void body(byte[] b, int off, int n) {
            if (sse) {
                sseBytes(b, off, n);
            } else {
                if (bodyLen + n > body.length) {
                    body = java.util.Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + n));
                }
                System.arraycopy(b, off, body, bodyLen, n);
                bodyLen += n;
            }
        }

        /** Cuts SSE lines in place; only a line split across reads is copied. */
        private void sseBytes(byte[] b, int off, int n) {
            int end = off + n;
            int i = off;
            if (lineLen > 0) {
                int nl = indexOfNewline(b, i, end);
                int stop = nl < 0 ? end : nl;
                if (lineLen + (stop - i) > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLen + (stop - i)));
                }
                System.arraycopy(b, i, line, lineLen, stop - i);
                lineLen += stop - i;
                if (nl < 0) {
                    return;
                }
                sseLine(line, 0, lineLen);
                lineLen = 0;
                i = nl + 1;
            }
            while (i < end) {
                int nl = indexOfNewline(b, i, end);
                if (nl < 0) {
                    if (end - i > line.length) {
                        line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, end - i));
                    }
                    System.arraycopy(b, i, line, 0, end - i);
                    lineLen = end - i;
                    return;
                }
                sseLine(b, i, nl);
                i = nl + 1;
            }
        }

        private void sseLine(byte[] b, int from, int to) {
            if (to == from) {
                eventType = 0; // end of a frame
                return;
            }
            byte first = b[from];
            if (first == 'e' && matchesAt(b, from, "event: ")) {
                int v = from + 7;
                eventType = matches(b, v, to, "stdout") ? 1 : matches(b, v, to, "exit") ? 2
                        : matches(b, v, to, "gap") ? 3 : 4;
            } else if (first == 'd' && matchesAt(b, from, "data: ")) {
                if (eventType == 1) {
                    stdout(b, from + 6, to);
                } else if (eventType == 2) {
                    sawExit = true;
                } else if (eventType == 3) {
                    gaps++;
                }
            }
        }

        /** One stdout event's JSON payload in {@code b[from, to)}. */
        private void stdout(byte[] b, int from, int to) {
            lines++;
            int t = indexOf(b, from, to, TEXT_T);
            if (t >= 0) {
                int i = t + TEXT_T.length;
                long micros = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    micros = micros * 10 + (b[i++] - '0');
                }
                i += 2; // " S"
                long seq = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    seq = seq * 10 + (b[i++] - '0');
                }
                latency.record(nowMicros - micros);
                timeline.record(micros, nowMicros - micros);
                sequence(seq);
                return;
            }
            int l = indexOf(b, from, to, TEXT_LINE);
            if (l >= 0) {
                int i = l + TEXT_LINE.length;
                long seq = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    seq = seq * 10 + (b[i++] - '0');
                }
                // Flood's counter has 7 digits and wraps silently past them; compare modulo.
                if (seq != (lastSeq + 1) % 10_000_000) {
                    outOfOrder++;
                }
                lastSeq++;
            }
        }

        private void sequence(long seq) {
            if (seq != lastSeq + 1) {
                outOfOrder++;
            }
            lastSeq = seq;
        }

        private void responseEnd() {
            if (sse) {
                finish();
                return;
            }
            // A poll answer: {"events":[{"id":7,"type":"stdout","data":{...}},...],"last":7,"done":false}
            int i = 0;
            while (true) {
                int t = indexOf(body, i, bodyLen, TYPE);
                if (t < 0) {
                    break;
                }
                int v = t + TYPE.length;
                if (matchesAt(body, v, "stdout\"")) {
                    int dataEnd = indexOf(body, v, bodyLen, CLOSE_EVENT);
                    stdout(body, v, dataEnd < 0 ? bodyLen : dataEnd);
                } else if (matchesAt(body, v, "exit\"")) {
                    sawExit = true;
                } else if (matchesAt(body, v, "gap\"")) {
                    gaps++;
                }
                i = v;
            }
            int last = lastIndexOf(body, bodyLen, LAST);
            if (last < 0) {
                fail("poll answer without last");
                return;
            }
            long n = 0;
            for (int j = last + LAST.length; j < bodyLen && body[j] >= '0' && body[j] <= '9'; j++) {
                n = n * 10 + (body[j] - '0');
            }
            after = n;
            boolean isDone = indexOf(body, last, bodyLen, DONE_TRUE) >= 0;
            if (!counted) {
                counted = true;
                ready++;
            }
            if (isDone) {
                finish();
            } else {
                sendRequest();
            }
        }

        void eof() {
            if (sse && state == IDENTITY && remaining < 0) {
                finish();
            } else {
                fail("connection closed early");
            }
        }

        void fail(String why) {
            if (error == null) {
                error = why;
            }
            finish();
        }

        private void finish() {
            if (finished) {
                return;
            }
            finished = true;
            doneAt = System.nanoTime();
            done++;
            if (!counted) {
                counted = true;
                ready++;
            }
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_EVENT = "}},{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST = "\"last\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE_TRUE = "\"done\":true".getBytes(StandardCharsets.US_ASCII);

    static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static boolean matches(byte[] b, int from, int to, String s) {
        return to - from == s.length() && matchesAt(b, from, s);
    }

    static boolean matchesAt(byte[] b, int from, String s) {
        if (from + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte[] pat) {
        outer:
        for (int i = from; i <= to - pat.length; i++) {
            for (int j = 0; j < pat.length; j++) {
                if (b[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int lastIndexOf(byte[] b, int to, byte[] pat) {
        outer:
        for (int i = to - pat.length; i >= 0; i--) {
            for (int j = 0; j < pat.length; j++) {
                if (b[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Where in the run the slow deliveries were: per 100 ms of write time, the samples, those over
     * 50 ms and the slowest. A p99 says how many; this says when (a warm-up, a collection, a burst).
     */
    static final class Timeline {
        private final long[] samples;
        private final long[] over50ms;
        private final long[] max;
        private long firstWriteMicros;

        /** For a run of up to {@code seconds}; anything later counts in the last slot. */
        Timeline(double seconds) {
            int slots = (int) Math.ceil(seconds * 10) + 1;
            samples = new long[slots];
            over50ms = new long[slots];
            max = new long[slots];
        }

        void record(long writeMicros, long latencyMicros) {
            if (firstWriteMicros == 0) {
                firstWriteMicros = writeMicros;
            }
            int slot = (int) Math.max(0, Math.min(samples.length - 1, (writeMicros - firstWriteMicros) / 100_000));
            samples[slot]++;
            if (latencyMicros > 50_000) {
                over50ms[slot]++;
            }
            max[slot] = Math.max(max[slot], latencyMicros);
        }

        /** Writes the timeline, unless nothing carried a write time (catch-up's lines do not). */
        void write(Path file) throws IOException {
            if (firstWriteMicros == 0) {
                return;
            }
            StringBuilder sb = new StringBuilder("# first line written at ")
                    .append(Instant.ofEpochSecond(firstWriteMicros / 1_000_000, firstWriteMicros % 1_000_000 * 1000))
                    .append("\n# seconds-into-run samples over-50ms max-ms\n");
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] > 0) {
                    sb.append(String.format(java.util.Locale.ROOT, "%5.1f %d %d %d%n", i / 10.0, samples[i], over50ms[i],
                            max[i] / 1000));
                }
            }
            Files.writeString(file, sb);
        }
    }

    /** Latencies in microseconds: 10 us buckets to 1 s, then 1 ms buckets to 100 s. */
    static final class Histogram {
        private final long[] fine = new long[100_000];
        private final long[] coarse = new long[100_000];
        private long count;
        private long max;

        void record(long micros) {
            long v = Math.max(0, micros);
            count++;
            max = Math.max(max, v);
            if (v < 1_000_000) {
                fine[(int) (v / 10)]++;
            } else {
                coarse[(int) Math.min(coarse.length - 1, v / 1000)]++;
            }
        }

        long count() {
            return count;
        }

        long max() {
            return max;
        }

        /** The smallest value v such that at least {@code q} of the samples are <= v (bucket upper bound). */
        long percentile(double q) {
            if (count == 0) {
                return -1;
            }
            long rank = (long) Math.ceil(q * count);
            long seen = 0;
            for (int i = 0; i < fine.length; i++) {
                seen += fine[i];
                if (seen >= rank) {
                    return Math.min(max, (i + 1) * 10L);
                }
            }
            for (int i = 0; i < coarse.length; i++) {
                seen += coarse[i];
                if (seen >= rank) {
                    return Math.min(max, (i + 1) * 1000L);
                }
            }
            return max;
        }
    }
}
