package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {
    private static String literal(String address) throws Exception {
        return Addresses.literal(InetAddress.getByName(address));
    }

    @Test
    void ipv4IsWrittenAsItIs() throws Exception {
        assertEquals("192.168.1.20", literal("192.168.1.20"));
    }

    @Test
    void ipv6GoesInBracketsInTheShortFormOfRfc5952() throws Exception {
        assertEquals("[fd00::2]", literal("fd00:0:0:0:0:0:0:2"));
        assertEquals("[::1]", literal("0:0:0:0:0:0:0:1"));
        assertEquals("[::]", literal("0:0:0:0:0:0:0:0"));
        assertEquals("[1::]", literal("1:0:0:0:0:0:0:0"));
        assertEquals("[2001:db8::1]", literal("2001:0DB8:0000:0000:0000:0000:0000:0001"));
    }

    @Test
    void onlyTheLongestRunOfZerosIsShortenedTheFirstWhenRunsTie() throws Exception {
        assertEquals("[2001:db8::1:0:0:1]", literal("2001:db8:0:0:1:0:0:1"));
        assertEquals("[2001:0:0:1::1]", literal("2001:0:0:1:0:0:0:1"));
    }

    @Test
    void aSingleZeroGroupIsNotShortened() throws Exception {
        assertEquals("[2001:db8:0:1:1:1:1:1]", literal("2001:db8:0:1:1:1:1:1"));
    }

    @Test
    void theZoneIsLeftOut() throws Exception {
        assertEquals("[fe80::1]", literal("fe80:0:0:0:0:0:0:1%1"));
    }
}
