package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class UnitsTest {
    @Test
    void sizesAcceptBytesAndBinarySuffixes() {
        assertEquals(4096, ByteSize.parse("4096"));
        assertEquals(64 * 1024, ByteSize.parse("64K"));
        assertEquals(16L << 20, ByteSize.parse("16m"));
        assertEquals(2L << 30, ByteSize.parse("2GiB"));
        assertEquals(0, ByteSize.parse("0"));
    }

    @Test
    void badSizesSayWhatASizeLooksLike() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> ByteSize.parse("lots"));
        assertEquals("'lots' is not a size (examples: 4096, 64K, 16M, 2G)", e.getMessage());
        assertThrows(TypeConversionException.class, () -> ByteSize.parse("-1K"));
        assertThrows(TypeConversionException.class, () -> ByteSize.parse("99999999999T"));
    }

    @Test
    void durationsAcceptUnitsCombinationsPlainSecondsAndForever() {
        assertEquals(Duration.ofMillis(500), HumanDuration.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), HumanDuration.parse("5s"));
        assertEquals(Duration.ofSeconds(5), HumanDuration.parse("5"));
        assertEquals(Duration.ofMinutes(90), HumanDuration.parse("1h30m"));
        assertEquals(Duration.ZERO, HumanDuration.parse("0"));
        assertEquals(HumanDuration.FOREVER, HumanDuration.parse("forever"));
    }

    @Test
    void badDurationsSayWhatADurationLooksLike() {
        for (String bad : new String[] {"soon", "5 s", "1h30", "-5s", "s", ""}) {
            assertThrows(TypeConversionException.class, () -> HumanDuration.parse(bad), bad);
        }
    }
}
