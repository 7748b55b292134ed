package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void aGeneratedTokenIs144RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String t = Tokens.generate();
            assertEquals(24, t.length());
            assertTrue(t.matches("[A-Za-z0-9_-]+"), t);
            assertEquals(18, Base64.getUrlDecoder().decode(t).length);
            assertTrue(Tokens.isStrong(t));
            assertTrue(seen.add(t), "repeated " + t);
        }
    }

    @Test
    void onlyUnreservedUrlCharactersMakeAToken() {
        assertTrue(Tokens.isWellFormed("a.b_c~d-e"));
        for (String bad : new String[] {"", ".", "..", "a/b", "a b", "a%20", "a?b", "a#b", "ä", "x".repeat(129)}) {
            assertFalse(Tokens.isWellFormed(bad), bad);
            String t = bad;
            assertThrows(IllegalArgumentException.class, () -> TestServer.loopback().withToken(t));
        }
        assertFalse(Tokens.isStrong("short-token"));
    }

    @Test
    void theRuleInWordsIsTheOneIsStrongChecks() {
        assertTrue(Tokens.RULE.startsWith(Tokens.RECOMMENDED_LENGTH + " to 128 characters of "), Tokens.RULE);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assertTrue(Tokens.isStrong(alphabet.substring(0, 22)));
        assertTrue(Tokens.isStrong(alphabet.substring(44)));
        assertTrue(Tokens.isStrong(alphabet.repeat(2).substring(0, 128)));
        assertFalse(Tokens.isStrong(alphabet.substring(0, 21)));
        assertFalse(Tokens.isStrong(alphabet.repeat(2).substring(0, 129)));
        assertFalse(Tokens.isStrong(alphabet.substring(0, 21) + "/"));
    }

    @Test
    void behindAProxyThePublicUrlGetsTheTokenAppended() {
        ServerConfig c = TestServer.loopback().withToken("tok").withPublicUrl(URI.create("https://ci.example.com/watch"));
        assertEquals(URI.create("https://ci.example.com/watch/tok/"), c.publicBaseUrl());
        assertEquals(URI.create("https://ci.example.com/watch/tok/"), c.withPublicUrl(URI.create("https://ci.example.com/watch/")).publicBaseUrl());
        assertEquals(URI.create("https://ci.example.com/"), c.withToken(null).withPublicUrl(URI.create("https://ci.example.com")).publicBaseUrl());
        for (String bad : new String[] {"ci.example.com/watch", "ftp://x/", "https://x/?a=1", "/watch/"}) {
            assertThrows(IllegalArgumentException.class, () -> c.withPublicUrl(URI.create(bad)), bad);
        }
    }
}
