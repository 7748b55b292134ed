package org.ssewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.StreamOptions;

class ViewersTest {
    @Test
    void wakeUpsAreSpacedFurtherApartPastACrowdUpToFourTimesTheDelay() {
        StreamOptions options = StreamOptions.defaults();
        long base = options.wakeDelay().toNanos();
        try (Journal journal = new Journal(JournalConfig.inMemory(1000)); Viewers viewers = new Viewers(journal, options)) {
            assertEquals(TimeUnit.MILLISECONDS.toNanos(5), base, "the default wake delay");
            assertEquals(base, viewers.wakeDelay(1));
            assertEquals(base, viewers.wakeDelay(Viewers.CROWD));
            assertEquals(2 * base, viewers.wakeDelay(2 * Viewers.CROWD));
            assertEquals(4 * base, viewers.wakeDelay(4 * Viewers.CROWD));
            assertEquals(4 * base, viewers.wakeDelay(40 * Viewers.CROWD), "never more than four times");
        }
    }
}
