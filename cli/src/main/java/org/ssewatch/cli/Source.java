package org.ssewatch.cli;

import java.util.List;
import org.ssewatch.share.RunConfig;

/** Where the lines ssewatch serves come from: a command it runs, or its own standard input. */
sealed interface Source {
    /** Lines longer than this are split into pieces marked as continuations. */
    int maxLineBytes();

    /** A title for the page, or null. */
    String title();

    /** {@code ssewatch -- make}: a command, run as {@code run} says. */
    record Command(RunConfig run) implements Source {
        @Override
        public int maxLineBytes() {
            return run.maxLineBytes();
        }

        @Override
        public String title() {
            return run.title();
        }
    }

    /**
     * {@code make 2>&1 | ssewatch}: standard input, read until it closes; markup and masks as for
     * a command ({@link RunConfig#markup}, {@link RunConfig#masks}, {@link RunConfig#maskEnv}).
     */
    record Pipe(int maxLineBytes, String title, boolean markup, List<String> masks, List<String> maskEnv)
            implements Source {
        public Pipe {
            if (maxLineBytes < 16) {
                throw new IllegalArgumentException("max line must be at least 16 bytes: " + maxLineBytes);
            }
            masks = List.copyOf(masks);
            maskEnv = List.copyOf(maskEnv);
            for (String mask : masks) {
                RunConfig.maskPattern(mask);
            }
        }
    }
}
