package org.ssewatch.share;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into lines. Bytes are decoded as UTF-8 only once a line (or a piece of one)
 * is complete, so multi-byte sequences split across reads decode correctly; invalid sequences
 * become U+FFFD. LF ends a line, CRLF too; a lone CR rewrites the line as a terminal would
 * ({@link CarriageReturn}). A line longer than the limit is emitted in pieces, so memory stays
 * bounded whatever the input.
 *
 * <p>{@link #feed} runs on the reading thread and {@link #flushPartial} on a timer, hence the
 * locking. Partial lines are only sent once they have waited a while, so a flood whose reads end
 * mid-line produces no partial events.
 */
final class LineDecoder {
    private static final byte[] CR = {'\r'};
    private static final byte[] SECTION = "\u001b[0Ksection_".getBytes(StandardCharsets.US_ASCII);
    private final int maxLineBytes;
    private final LineSink sink;
    private final byte[] buf;
    private int len;
    /** What the line showed before its last carriage return, or null when there was none. */
    private String beforeCr;
    private boolean crPending;
    private final boolean keepSectionCr;
    /**
     * The open line's carriage returns are kept in it, not applied: a GitLab marker hides behind
     * one, and applying it would overwrite the marker with the header before anyone parsed it.
     */
    private boolean rawCr;
    /** The next piece continues a line split at the limit. */
    private boolean continuation;
    /** The open line changed since it was last sent as partial. */
    private boolean dirty;
    private long dirtySince;

    LineDecoder(int maxLineBytes, LineSink sink) {
        this(maxLineBytes, sink, false);
    }

    /**
     * @param keepSectionCr keep the carriage returns of a line that starts with a GitLab section
     *                      marker, for the markup parser behind {@code sink} ({@link GitLabSections})
     */
    LineDecoder(int maxLineBytes, LineSink sink, boolean keepSectionCr) {
        this.keepSectionCr = keepSectionCr;
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
        this.buf = new byte[maxLineBytes];
    }

    synchronized void feed(byte[] in, int off, int count) {
        int end = off + count;
        int i = off;
        while (i < end) {
            if (crPending) {
                crPending = false;
                if (in[i] == '\n') {
                    endLine();
                    i++;
                    continue;
                }
                if (rawCr || (keepSectionCr && beforeCr == null && startsWithSectionMarker())) {
                    rawCr = true;
                    append(CR, 0, 1);
                } else {
                    applyCarriageReturn();
                }
            }
            int stop = lineEnd(in, i, end);
            if (stop < end && in[stop] == '\n' && len == 0 && beforeCr == null && stop - i <= maxLineBytes) {
                // The common case: a whole line inside this read, passed on in place.
                sink.line(in, i, stop - i, continuation);
                continuation = false;
                dirty = false;
                i = stop + 1;
                continue;
            }
            append(in, i, stop - i);
            if (stop == end) {
                break;
            }
            if (in[stop] == '\n') {
                endLine();
            } else {
                crPending = true;
            }
            i = stop + 1;
        }
    }

    /** The index of the first LF or CR in {@code b[from, end)}, or {@code end}: a word at a time. */
    static int lineEnd(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = WordScan.word(b, i);
            long hit = (WordScan.zeroMarks(w ^ WordScan.ONES * '\n') | WordScan.zeroMarks(w ^ WordScan.ONES * '\r')) & WordScan.HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        while (i < end && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Sends the open line as partial if it changed and has waited at least {@code minAgeNanos}. */
    synchronized void flushPartial(long nowNanos, long minAgeNanos) {
        if (!dirty || nowNanos - dirtySince < minAgeNanos) {
            return;
        }
        int complete = completeUtf8Prefix(buf, len);
        sink.line(text(complete), true, continuation);
        dirty = false;
    }

    /** The input ended: sends what is left of the last line. */
    synchronized void finish() {
        crPending = false;
        if (len > 0 || beforeCr != null || dirty) {
            endLine();
        }
    }

    private void append(byte[] in, int off, int count) {
        if (count == 0) {
            return;
        }
        if (!dirty) {
            dirty = true;
            dirtySince = System.nanoTime();
        }
        while (count > 0) {
            int room = maxLineBytes - len;
            if (room == 0) {
                split();
                continue;
            }
            int n = Math.min(room, count);
            System.arraycopy(in, off, buf, len, n);
            len += n;
            off += n;
            count -= n;
        }
    }

    private void split() {
        int cut = completeUtf8Prefix(buf, len);
        if (cut == 0) {
            cut = len;
        }
        sink.line(text(cut), false, continuation);
        continuation = true;
        beforeCr = null;
        rawCr = false;
        System.arraycopy(buf, cut, buf, 0, len - cut);
        len -= cut;
        dirty = len > 0;
    }

    private void endLine() {
        sink.line(text(len), false, continuation);
        continuation = false;
        beforeCr = null;
        rawCr = false;
        len = 0;
        dirty = false;
    }

    private void applyCarriageReturn() {
        beforeCr = text(len);
        len = 0;
    }

    /** Checked only at a carriage return, so plain lines never pay for it. */
    private boolean startsWithSectionMarker() {
        if (len < SECTION.length) {
            return false;
        }
        for (int i = 0; i < SECTION.length; i++) {
            if (buf[i] != SECTION[i]) {
                return false;
            }
        }
        return true;
    }

    private String text(int byteCount) {
        String top = new String(buf, 0, byteCount, StandardCharsets.UTF_8);
        return beforeCr == null ? top : CarriageReturn.overlay(beforeCr, top);
    }

    /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] b, int len) {
        for (int back = 1; back <= 3 && back <= len; back++) {
            int c = b[len - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for its lead
            }
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? len - back : len;
        }
        return len;
    }
}
