package org.ssewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    /** What the parser reported, one line per call, in order. */
    private static final class Calls implements ResponseParser.Listener {
        final List<String> calls = new ArrayList<>();
        ResponseParser parser;

        @Override
        public void headers() {
            calls.add("headers");
        }

        @Override
        public void stdout(byte[] b, int from, int to) {
            calls.add("stdout " + new String(b, from, to - from, StandardCharsets.US_ASCII));
        }

        @Override
        public void exit() {
            calls.add("exit");
        }

        @Override
        public void gap() {
            calls.add("gap");
        }

        @Override
        public void pollAnswer(long last, boolean done) {
            calls.add("answer last=" + last + " done=" + done);
            parser.reset(); // as a viewer does when it sends the next poll
        }

        @Override
        public void end() {
            calls.add("end");
            parser.stop();
        }

        @Override
        public void fail(String why) {
            calls.add("fail " + why);
            parser.stop();
        }
    }

    private static final String SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.US_ASCII).length) + "\r\n" + data + "\r\n";
    }

    private static List<String> parse(boolean sse, String wire, int pieceSize) {
        Calls calls = new Calls();
        calls.parser = new ResponseParser(sse, calls);
        byte[] b = wire.getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < b.length; off += pieceSize) {
            calls.parser.feed(b, off, Math.min(pieceSize, b.length - off));
        }
        return calls.calls;
    }

    /** Whatever the reads cut the bytes into, the parser reports the same calls. */
    private static List<String> parseInEveryPieceSize(boolean sse, String wire) {
        List<String> whole = parse(sse, wire, wire.length());
        for (int piece = 1; piece < wire.length(); piece++) {
            assertEquals(whole, parse(sse, wire, piece), "read in pieces of " + piece + " bytes");
        }
        return whole;
    }

    @Test
    void aChunkedEventStreamGivesEachEventInOrderAndEndsWithTheLastChunk() {
        String wire = SSE_HEAD
                + chunk("retry: 1000\n\nid: 1\nevent: stdout\ndata: {\"line\":1,\"text\":\"T5 S1 x\"}\n\n")
                + chunk("id: 2\nevent: stderr\ndata: {\"line\":1}\n\nid: 3\nevent: gap\ndata: {\"from\":3,\"to\":3}\n\n")
                + chunk(": heartbeat\n\nid: 4\nevent: stdout\ndata: {\"text\":\"line 2\"}\n\n")
                + chunk("id: 5\nevent: exit\ndata: {\"code\":0}\n\n")
                + "0\r\n\r\n";
        assertEquals(List.of("headers", "stdout {\"line\":1,\"text\":\"T5 S1 x\"}", "gap", "stdout {\"text\":\"line 2\"}",
                "exit", "end"), parseInEveryPieceSize(true, wire));
    }

    @Test
    void chunkSizesAreHexadecimalAndTheirExtensionsAreIgnored() {
        String data = "event: stdout\ndata: " + "y".repeat(300) + "\n\n";
        assertEquals(0x142, data.length());
        String wire = SSE_HEAD + "142;name=value\r\n" + data + "\r\n0\r\n\r\n";
        assertEquals(List.of("headers", "stdout " + "y".repeat(300), "end"), parseInEveryPieceSize(true, wire));
    }

    @Test
    void anEventStreamWithoutALengthEndsWhenTheConnectionCloses() {
        Calls calls = new Calls();
        calls.parser = new ResponseParser(true, calls);
        byte[] b = "HTTP/1.1 200 OK\r\n\r\nevent: exit\ndata: {}\n\n".getBytes(StandardCharsets.US_ASCII);
        calls.parser.feed(b, 0, b.length);
        calls.parser.eof();
        assertEquals(List.of("headers", "exit", "end"), calls.calls);
    }

    @Test
    void aChunkedStreamClosedBeforeItsLastChunkFails() {
        Calls calls = new Calls();
        calls.parser = new ResponseParser(true, calls);
        byte[] b = (SSE_HEAD + chunk("event: stdout\ndata: {}\n\n")).getBytes(StandardCharsets.US_ASCII);
        calls.parser.feed(b, 0, b.length);
        calls.parser.eof();
        assertEquals(List.of("headers", "stdout {}", "fail connection closed early"), calls.calls);
    }

    @Test
    void pollAnswersBackToBackOnOneConnectionAreEachReadWhole() {
        String first = "{\"events\":[{\"id\":1,\"type\":\"stdout\",\"data\":{\"text\":\"T7 S1\"}},"
                + "{\"id\":2,\"type\":\"gap\",\"data\":{\"from\":2,\"to\":2}}],\"last\":2,\"done\":false}";
        String second = "{\"events\":[{\"id\":3,\"type\":\"exit\",\"data\":{\"code\":0}}],\"last\":3,\"done\":true}";
        String wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + first.length() + "\r\n\r\n"
                + first + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(second) + "0\r\n\r\n";
        assertEquals(List.of("headers", "stdout stdout\",\"data\":{\"text\":\"T7 S1\"", "gap", "answer last=2 done=false",
                "headers", "exit", "answer last=3 done=true"), parseInEveryPieceSize(false, wire));
    }

    @Test
    void aPollAnswerWithoutItsLastIdFails() {
        String body = "{\"events\":[]}";
        String wire = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        assertEquals(List.of("headers", "fail poll answer without last"), parse(false, wire, wire.length()));
    }

    @Test
    void aStatusOtherThan200FailsTheViewerAndNothingAfterItIsRead() {
        String wire = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nno";
        assertEquals(List.of("fail HTTP 503"), parseInEveryPieceSize(true, wire));
    }

    @Test
    void aResponseHeadLongerThan8KiBFails() {
        String wire = "HTTP/1.1 200 OK\r\nX-Long: " + "z".repeat(9000) + "\r\n\r\n";
        assertEquals(List.of("fail response head too long"), parse(true, wire, 4096));
    }
}
