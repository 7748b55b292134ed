package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTextTest {
    private static final String E = "\u001b";

    @Test
    void plainTextIsReturnedAsItIs() {
        String s = "plain text\twith a tab, é and 日本";
        assertSame(s, AnsiText.strip(s));
    }

    @Test
    void sgrAndOtherCsiSequencesAreRemoved() {
        assertEquals("red bold back", AnsiText.strip(E + "[31mred" + E + "[0m " + E + "[1;38;5;208mbold" + E + "[m " + E + "[2K" + E + "[10Gback"));
    }

    @Test
    void oscSequencesEndedByBelOrStAreRemovedWithTheirText() {
        assertEquals("a link after", AnsiText.strip(E + "]8;;http://x" + E + "\\a link" + E + "]8;;\u0007 after"));
        assertEquals("title gone", AnsiText.strip(E + "]0;window title\u0007title gone"));
    }

    @Test
    void controlCharactersOtherThanTabAreNotShown() {
        assertEquals("ab\tc", AnsiText.strip("a\u0007b\t\u0000c\u007f"));
        assertEquals("x", AnsiText.strip("\u009b31mx"), "a C1 CSI is a sequence too");
    }

    @Test
    void twoCharacterEscapesAndCharsetSelectionAreRemoved() {
        assertEquals("ab", AnsiText.strip("a" + E + "(Bb" + E + "="));
    }

    @Test
    void anUnterminatedSequenceAtTheEndIsDropped() {
        assertEquals("kept ", AnsiText.strip("kept " + E + "[12;3"));
    }

    @Test
    void scanReportsSgrParametersBetweenTheRunsOfText() {
        List<String> seen = new ArrayList<>();
        AnsiText.scan("a" + E + "[1;31mb" + E + "[mc" + E + "[?25l", new AnsiText.Visitor() {
            @Override
            public void text(String t, int from, int to) {
                seen.add("text:" + t.substring(from, to));
            }

            @Override
            public void sgr(String params) {
                seen.add("sgr:" + params);
            }
        });
        assertEquals(List.of("text:a", "sgr:1;31", "text:b", "sgr:", "text:c"), seen);
    }
}
