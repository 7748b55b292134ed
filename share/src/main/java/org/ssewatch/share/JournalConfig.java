package org.ssewatch.share;

import java.nio.file.Path;

/**
 * How much of a run the journal keeps in memory, and where the rest goes.
 *
 * @param maxEvents   events kept in memory at most
 * @param maxBytes    payload bytes kept in memory at most (approximate: they are held in one buffer
 *                    that grows up to this size, or 64 MiB, rounded down to a power of two, and
 *                    payloads too large to share it are held apart, so the heap used for them can
 *                    reach about twice this)
 * @param spillDir    directory for the spill file that keeps what leaves memory, or null for none
 * @param spillMaxBytes size of the spill file at most; what would go past it is dropped, and
 *                    readers are told so by a {@code gap} event
 */
public record JournalConfig(int maxEvents, long maxBytes, Path spillDir, long spillMaxBytes) {
    public static final int DEFAULT_MAX_EVENTS = 100_000;
    /**
     * Small on purpose: this much is held whatever the run, and older events are read back from the
     * spill file, which the operating system's page cache keeps in memory anyway.
     */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    public static final long DEFAULT_SPILL_MAX_BYTES = 2L << 30;

    public JournalConfig {
        if (maxEvents < 16) {
            throw new IllegalArgumentException("history must keep at least 16 events: " + maxEvents);
        }
        if (maxBytes < 64 * 1024) {
            throw new IllegalArgumentException("history must keep at least 64 KiB: " + maxBytes);
        }
        if (spillMaxBytes < 0) {
            throw new IllegalArgumentException("spill limit must not be negative: " + spillMaxBytes);
        }
    }

    /** The defaults: 100,000 events or 8 MiB in memory, up to 2 GiB spilled to the temp dir. */
    public static JournalConfig defaults() {
        return new JournalConfig(DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES,
                Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_SPILL_MAX_BYTES);
    }

    /** Memory only: for tests and embedders that keep short runs. */
    public static JournalConfig inMemory(int maxEvents) {
        return new JournalConfig(maxEvents, Long.MAX_VALUE, null, 0);
    }
}
