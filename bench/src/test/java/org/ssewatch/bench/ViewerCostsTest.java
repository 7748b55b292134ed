package org.ssewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewerCostsTest {
    @Test
    void theSlopesLeaveOutWhatIsFixedAndTheEstimateExtendsFromTheLargestCount() {
        ViewerCosts c = new ViewerCosts();
        c.add(new ViewerCosts.Point(1_000, 100_000, 3.0, 3_000_000));
        assertFalse(c.hasSlope(), "one count gives no slope");
        c.add(new ViewerCosts.Point(5_000, 120_000, 7.0, 15_000_000));
        c.add(new ViewerCosts.Point(10_000, 145_000, 12.0, 30_000_000));
        assertTrue(c.hasSlope());
        assertEquals(5.0, c.rssKbPerViewer(), 1e-9, "45 MB more for 9,000 viewers more");
        assertEquals(9.0 / 27.0, c.cpuMicrosPerEvent(), 1e-9, "9 s more for 27M events more");
        assertEquals(145_000 + 5 * 90_000, c.rssKbAt(100_000));
        assertEquals(9.0 / 27.0 * 1e-6 * 100_000 * 100, c.coresAt(100_000, 100), 1e-9);
        String md = c.markdown(100_000, 100, "load 1.0");
        assertTrue(md.contains("| 5,000 | 117 MB | 7.00 | 15,000,000 | 0.47 µs |"), md);
        assertTrue(md.contains("**Estimate**, not measured, for 100,000 viewers"), md);
    }
}
