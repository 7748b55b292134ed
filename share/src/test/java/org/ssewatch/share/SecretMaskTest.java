package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    private final SecretMask mask = new SecretMask(List.of());

    @Test
    void everyOccurrenceOfAValueIsMasked() {
        mask.add("hunter2");
        assertEquals("pw=*** again ***.", mask.mask("pw=hunter2 again hunter2."));
        String clean = "nothing here";
        assertSame(clean, mask.mask(clean));
    }

    @Test
    void overlappingSecretsAreOneMaskAndTheLongerWins() {
        mask.add("abc");
        mask.add("abcdef");
        mask.add("defghi");
        assertEquals("x***y", mask.mask("xabcdefghiy"));
    }

    @Test
    void shortValuesAreIgnoredAndAMultiLineValueIsMaskedLineByLine() {
        mask.add("ab");
        assertTrue(mask.isEmpty());
        mask.add("line-one\nline-two\r\nx");
        assertEquals("*** ***  x", mask.mask("line-one line-two  x"));
    }

    @Test
    void patternsMaskTheirMatchesAndAnEmptyMatchHidesNothing() {
        SecretMask m = new SecretMask(List.of(Pattern.compile("ghp_[A-Za-z0-9]{8}"), Pattern.compile("(?=z)")));
        assertEquals("token *** z", m.mask("token ghp_abcd1234 z"));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.maskPattern("a*"));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.maskPattern("(unclosed"));
    }

    @Test
    void anOpenLineShowsNoTailThatCouldStillBecomeASecret() {
        mask.add("s3cr3t-value");
        assertEquals("key: ", mask.visiblePart("key: s3cr"));
        assertEquals("key: ", mask.visiblePart("key: s"));
        assertEquals("key: ***", mask.visiblePart("key: s3cr3t-value"));
        assertEquals("key: s3x", mask.visiblePart("key: s3x"));
        SecretMask m = new SecretMask(List.of(Pattern.compile("\\d{6}")));
        assertEquals("code ", m.visiblePart("code 1234"));
        assertEquals("code ***", m.visiblePart("code 123456"));
    }

    @Test
    void bytesAreSearchedWithoutDecodingSoCleanLinesStayAsTheyAre() {
        mask.add("pässword");
        byte[] b = "xx pässword yy".getBytes(StandardCharsets.UTF_8);
        assertTrue(mask.mayContain(b, 0, b.length));
        assertFalse(mask.mayContain(b, 4, b.length - 4));
        assertTrue(new SecretMask(List.of(Pattern.compile("x"))).mayContain(b, 0, 0), "a pattern needs the text");
    }

    @Test
    void variablesThatAreSetAreMasked() {
        SecretMask m = SecretMask.of(List.of(), List.of("TOKEN", "UNSET"), Map.of("TOKEN", "tok-123"));
        assertEquals("*** ok", m.mask("tok-123 ok"));
    }
}
