package org.ssewatch.web.lines;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long one search request may run: until its deadline, or until it is cancelled (its client
 * hung up, or a newer search of the same viewer took its place). Checked between batches of
 * lines, and inside a regular expression's matching through {@link #watch}, so that even an
 * expression that backtracks for ever stops on time.
 */
final class Budget {
    /** Thrown out of a match that ran out of budget. */
    static final class Spent extends RuntimeException {
        Spent() {
            super(null, null, false, false);
        }
    }

    private final long deadline;
    final AtomicBoolean cancelled = new AtomicBoolean();

    Budget(long millis) {
        this.deadline = System.nanoTime() + millis * 1_000_000;
    }

    boolean spent() {
        return cancelled.get() || System.nanoTime() - deadline > 0;
    }

    /** {@code text}, checking the budget every few thousand characters read from it. */
    CharSequence watch(String text) {
        return new Watched(text, this);
    }

    private static final class Watched implements CharSequence {
        private final String text;
        private final Budget budget;
        private int reads;

        Watched(String text, Budget budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && budget.spent()) {
                throw new Spent();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
