package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CarriageReturnTest {
    @Test
    void longerTextReplacesTheLineEntirely() {
        assertEquals("100%", CarriageReturn.overlay("10%", "100%"));
    }

    @Test
    void shorterTextOverwritesOnlyTheFirstCells() {
        assertEquals("XYcdef", CarriageReturn.overlay("abcdef", "XY"));
    }

    @Test
    void escapeSequencesAreZeroWidth() {
        assertEquals("\u001b[1mXY\u001b[0mc", CarriageReturn.overlay("abc", "\u001b[1mXY"));
    }

    @Test
    void emptyTextLeavesTheLineAlone() {
        assertEquals("abc", CarriageReturn.overlay("abc", ""));
    }

    @Test
    void surrogatePairsCountAsOneCell() {
        assertEquals("😀bc", CarriageReturn.overlay("abc", "😀"));
    }
}
