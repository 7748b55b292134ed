package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnknownRunsTest {
    private static final long SECOND = UnknownRuns.FOR.toNanos();

    @Test
    void anIdIsUnknownForOneSecondFromWhenRedisSaidSo() {
        UnknownRuns unknown = new UnknownRuns();
        long t = 123_456_789L;
        assertFalse(unknown.missing("a", t));
        unknown.remember("a", t);
        assertTrue(unknown.missing("a", t + SECOND - 1));
        assertFalse(unknown.missing("a", t + SECOND), "asked of Redis again after a second");
        assertEquals(0, unknown.size());
    }

    @Test
    void askingAgainStartsTheSecondAgain() {
        UnknownRuns unknown = new UnknownRuns();
        unknown.remember("a", 0);
        unknown.remember("b", SECOND / 2);
        unknown.remember("a", SECOND / 2);
        assertTrue(unknown.missing("a", SECOND + 1));
        assertTrue(unknown.missing("b", SECOND + 1));
    }

    @Test
    void atMostMaxIdsAreKeptTheOldestLetGoFirst() {
        UnknownRuns unknown = new UnknownRuns();
        for (int i = 0; i <= UnknownRuns.MAX; i++) {
            unknown.remember("id" + i, i);
        }
        assertEquals(UnknownRuns.MAX, unknown.size());
        assertFalse(unknown.missing("id0", UnknownRuns.MAX), "the oldest went");
        assertTrue(unknown.missing("id1", UnknownRuns.MAX));
        assertTrue(unknown.missing("id" + UnknownRuns.MAX, UnknownRuns.MAX));
    }
}
