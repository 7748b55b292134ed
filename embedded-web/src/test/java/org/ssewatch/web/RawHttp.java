package org.ssewatch.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection on a plain socket, for what HttpClient will not do: pipeline requests,
 * send ids it would refuse, stop reading, or hang up in the middle of a response.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final String basePath;

    private RawHttp(Socket socket, String basePath) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.basePath = basePath;
        // Generous: a read that times out fails the test, and the machine may be loaded.
        socket.setSoTimeout(20_000);
    }

    public static RawHttp open(TestServer s) throws IOException {
        URI u = s.server.baseUrl();
        return new RawHttp(new Socket(u.getHost(), u.getPort()), u.getRawPath());
    }

    /** A GET request's bytes for {@code relative} (to the base URL), with {@code extraHeaders} ("Name: value\r\n" each). */
    public String get(String relative, String extraHeaders) {
        return "GET " + basePath + relative + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "\r\n";
    }

    /** Writes {@code text} in one write, so that what it holds arrives together. */
    public RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads a response's status line and headers, up to and including the blank line. */
    public String head() throws IOException {
        return readUntil("\r\n\r\n");
    }

    /** Reads a whole response with a Content-Length: its head and body. */
    public String response() throws IOException {
        String head = head();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(head);
        if (!m.find()) {
            throw new AssertionError("no Content-Length: " + head);
        }
        return head + new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.ISO_8859_1);
    }

    /** Reads until {@code marker} has arrived; fails if the connection ends first. */
    public String readUntil(String marker) throws IOException {
        StringBuilder got = new StringBuilder();
        while (got.length() < marker.length() || got.lastIndexOf(marker, got.length() - marker.length()) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection ended before " + marker.strip() + " came; got: " + got);
            }
            got.append((char) b); // ISO-8859-1: one char per byte
        }
        return got.toString();
    }

    /** Reads until the server ends the connection. */
    public String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
