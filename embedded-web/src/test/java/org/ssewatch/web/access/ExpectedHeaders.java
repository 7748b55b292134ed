package org.ssewatch.web.access;

/** What the security headers say, for the tests of other packages to hold responses to. */
public final class ExpectedHeaders {
    /** The Content-Security-Policy on every response. */
    public static final String CSP = SecurityHeaders.CSP;

    private ExpectedHeaders() {
    }
}
