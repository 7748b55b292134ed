package org.ssewatch.share;

import java.nio.charset.StandardCharsets;

/** Receives the lines a {@link LineDecoder} cuts from a byte stream. */
interface LineSink {
    /**
     * @param text    the decoded line, without its terminator
     * @param partial the line is still open: a later call replaces it
     * @param cont    this piece continues a line that was split at the maximum length
     */
    void line(String text, boolean partial, boolean cont);

    /**
     * A finished line as it was read, not yet decoded (the decoder's common case). The bytes are
     * only valid during the call.
     */
    default void line(byte[] utf8, int off, int len, boolean cont) {
        line(new String(utf8, off, len, StandardCharsets.UTF_8), false, cont);
    }
}
