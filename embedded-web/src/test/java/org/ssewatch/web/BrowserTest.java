package org.ssewatch.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One headless Chromium per test class (starting one costs about a second), and a skip with the
 * install command for every test when there is none.
 */
abstract class BrowserTest {
    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.startIfAvailable();
    }

    @BeforeEach
    void needsBrowser() {
        Browser.assumeAvailable();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
