package org.ssewatch.share;

import java.util.ArrayList;
import java.util.List;

/** What a {@link LineDecoder} emitted, for assertions. */
final class Lines implements LineSink {
    record Line(String text, boolean partial, boolean cont) {
        @Override
        public String toString() {
            return (partial ? "partial:" : "") + (cont ? "cont:" : "") + text;
        }
    }

    final List<Line> all = new ArrayList<>();

    @Override
    public synchronized void line(String text, boolean partial, boolean cont) {
        all.add(new Line(text, partial, cont));
    }

    synchronized List<String> texts() {
        return all.stream().map(Line::toString).toList();
    }
}
