package org.ssewatch.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisUrlTest {
    @Test
    void aFullUrlGivesUserPasswordHostPortAndDatabase() {
        RedisUrl url = RedisUrl.parse("redis://ci:s3cret@cache.example.com:6380/2");
        assertEquals(new RedisUrl(false, "ci", "s3cret", "cache.example.com", 6380, 2), url);
    }

    @Test
    void portAndDatabaseDefaultTo6379AndZeroAndRedissMeansTls() {
        RedisUrl url = RedisUrl.parse("rediss://cache");
        assertTrue(url.tls());
        assertEquals(6379, url.port());
        assertEquals(0, url.database());
        assertNull(url.password());
    }

    @Test
    void aPasswordAloneIsThePasswordOfTheDefaultUserAndPercentEscapesAreDecoded() {
        assertEquals(new RedisUrl(false, null, "p@ss", "h", 6379, 0), RedisUrl.parse("redis://:p%40ss@h"));
        assertEquals(new RedisUrl(false, null, "token", "h", 6379, 0), RedisUrl.parse("redis://token@h/"));
    }

    @Test
    void anIpv6AddressIsTheHostWithoutItsBracketsAndIsShownWithThem() {
        RedisUrl url = RedisUrl.parse("redis://[::1]:7000/3");
        assertEquals("::1", url.host());
        assertEquals("redis://[::1]:7000/3", url.toString());
    }

    @Test
    void theShownUrlHasStarsForThePassword() {
        assertEquals("redis://ci:***@h:6379/0", RedisUrl.parse("redis://ci:s3cret@h").toString());
        assertEquals("rediss://:***@h:6379/1", RedisUrl.parse("rediss://:s3cret@h/1").toString());
        assertEquals("redis://h:7000/0", RedisUrl.parse("redis://h:7000").toString());
    }

    @Test
    void badUrlsAreRefusedWithAMessageThatNeverHoldsThePassword() {
        for (String bad : new String[] {"http://u:s3cret@h", "redis://u:s3cret@h/x", "redis://u:s3cret@h:99999",
            "redis://u:s3cret@h/0?x=1", "redis://u:s3cret@", "redis//u:s3cret@h", "redis://u:s3cret@h:port/0", "red is://u:s3cret@h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(bad), bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
