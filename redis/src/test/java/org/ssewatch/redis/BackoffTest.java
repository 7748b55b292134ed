package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void triesDoubleFrom100MsUpToA5sCapAndStartOverAfterASuccess() {
        Backoff b = new Backoff();
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ms.add(b.next() / 1_000_000);
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), ms);
        b.reset();
        assertEquals(100, b.next() / 1_000_000);
    }
}
