package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {
    @Test
    void credentialsAreRememberedForTheVersionOfTheFileTheyPassedIn() {
        VerifiedCredentials v = new VerifiedCredentials();
        v.remember(new BasicCredentials("alice", "pw"), 3);
        assertEquals("alice", v.lookUp(new BasicCredentials("alice", "pw"), 3));
        assertNull(v.lookUp(new BasicCredentials("alice", "pw"), 4), "a changed file forgets what passed before");
        assertNull(v.lookUp(new BasicCredentials("alice", "pw2"), 3));
        assertNull(v.lookUp(new BasicCredentials("alic", "e:pw"), 3), "user and password are kept apart");
    }

    @Test
    void atMostCapacityAreKeptTheLeastRecentlyUsedForgottenFirst() {
        VerifiedCredentials v = new VerifiedCredentials();
        v.remember(new BasicCredentials("first", "pw"), 0);
        v.remember(new BasicCredentials("second", "pw"), 0);
        for (int i = 0; i < VerifiedCredentials.CAPACITY * 2; i++) {
            assertEquals("first", v.lookUp(new BasicCredentials("first", "pw"), 0));
            v.remember(new BasicCredentials("user" + i, "pw"), 0);
        }
        assertEquals(VerifiedCredentials.CAPACITY, v.size());
        assertEquals("first", v.lookUp(new BasicCredentials("first", "pw"), 0), "kept: used all along");
        assertNull(v.lookUp(new BasicCredentials("second", "pw"), 0), "forgotten: used least recently");
    }
}
