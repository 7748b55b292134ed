package org.ssewatch.share;

/** Receives the lines a {@link LineDecoder} cuts from a byte stream. */
interface LineSink {
    /**
     * @param text    the decoded line, without its terminator
     * @param partial the line is still open: a later call replaces it
     * @param cont    this piece continues a line that was split at the maximum length
     */
    void line(String text, boolean partial, boolean cont);
}
