package org.ssewatch.share;

import java.nio.charset.StandardCharsets;

/**
 * Sits between a stream's {@link LineDecoder} and the recorder: lines that are markup become
 * events through {@link Markup} instead of text, and secrets are masked in every line and partial
 * line that goes on. A line that cannot be markup and holds no secret costs one or two byte
 * comparisons here, and keeps the decoder's no-copy path.
 *
 * <p>An open line that may still become markup is not shown until it ends, so that neither a
 * workflow command nor the value of an {@code ::add-mask::} shows while it is being written; one
 * that may still become a secret shows without that tail ({@link SecretMask#visiblePart}).
 */
final class MarkupFilter implements LineSink {
    private static final char ESC = '\u001b';

    private final LineSink out;
    /** Null when markup is not parsed: only masking is done. */
    private final Markup markup;
    private final SecretMask mask;
    /** A partial version of the open line went on, so the recorder holds a number for it. */
    private boolean partialShown;
    /**
     * The last line was markup with nothing left to show: a continuation of it (the rest of a
     * command longer than the line limit) has no line to continue, and is a line of its own.
     */
    private boolean afterMarkup;

    /**
     * A decoder for one stream of a run, with a filter in front of {@code sink} unless there is
     * no markup to parse and nothing to mask (nothing can be added then: only {@code ::add-mask::}
     * adds).
     */
    static LineDecoder decoder(int maxLineBytes, LineSink sink, Markup markup, SecretMask mask) {
        if (markup == null && mask.isEmpty()) {
            return new LineDecoder(maxLineBytes, sink);
        }
        return new LineDecoder(maxLineBytes, new MarkupFilter(sink, markup, mask), markup != null);
    }

    MarkupFilter(LineSink out, Markup markup, SecretMask mask) {
        this.out = out;
        this.markup = markup;
        this.mask = mask;
    }

    @Override
    public void line(String text, boolean partial, boolean cont) {
        if (partial) {
            partial(text, cont);
            return;
        }
        String rest = text;
        if (markup != null && !cont && mayBeMarkup(text)) {
            rest = markup.take(text);
        }
        if (rest == null) {
            if (partialShown) {
                out.line("", false, false); // the line was shown while open; it ends empty, not as markup
                partialShown = false;
            }
            afterMarkup = true;
            return;
        }
        // Only a line kept raw for the GitLab parser still has carriage returns to apply.
        if (rest.indexOf('\r') >= 0) {
            rest = CarriageReturn.applyAll(rest);
        }
        boolean continues = cont && !afterMarkup;
        afterMarkup = false; // text left after markers is a line, which later pieces continue
        partialShown = false;
        out.line(mask.mask(rest), false, continues);
    }

    @Override
    public void line(byte[] utf8, int off, int len, boolean cont) {
        boolean command = markup != null && len >= 2 && utf8[off] == ':' && utf8[off + 1] == ':';
        if (command || (cont && afterMarkup) || mask.mayContain(utf8, off, len)) {
            line(new String(utf8, off, len, StandardCharsets.UTF_8), false, cont);
            return;
        }
        afterMarkup = false;
        partialShown = false;
        out.line(utf8, off, len, cont);
    }

    private void partial(String text, boolean cont) {
        if (markup != null && !cont && couldBecomeMarkup(text)) {
            return;
        }
        String shown = text.indexOf('\r') >= 0 ? CarriageReturn.applyAll(text) : text;
        String visible = mask.isEmpty() ? shown : mask.visiblePart(shown);
        if (visible.isEmpty() && !partialShown) {
            return;
        }
        out.line(visible, true, cont && !afterMarkup);
        partialShown = true;
    }

    private static boolean mayBeMarkup(String text) {
        return text.length() >= 2 && ((text.charAt(0) == ':' && text.charAt(1) == ':') || text.charAt(0) == ESC);
    }

    private static boolean couldBecomeMarkup(String text) {
        return text.startsWith("::") || text.equals(":") || GitLabSections.couldStart(text);
    }
}
