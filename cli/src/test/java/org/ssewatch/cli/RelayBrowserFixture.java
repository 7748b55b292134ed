package org.ssewatch.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ssewatch.web.Browser;

/** A relay fixture with headless Chromium: the tests skip without it, and its browser is closed after each. */
abstract class RelayBrowserFixture extends RelayFixture {
    Browser browser;

    @BeforeEach
    void needsBrowser() {
        Browser.assumeAvailable();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
