package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.logging.LogEntry;

/**
 * The page at the address ssewatch prints for teammates: plain http to a name that is not this
 * machine's loopback, which browsers treat as an insecure context (no notifications, no
 * Cross-Origin-Opener-Policy), against the same page at http://127.0.0.1, a secure context. The
 * name is mapped to 127.0.0.1 inside Chromium, so the test needs no network or DNS.
 */
@Timeout(120)
class InsecureOriginBrowserIT extends BrowserTest {
    private static final String NAME = "buildbox.ssewatch.example";
    /** Hides BrowserTest's: this class's browser maps the name (JUnit runs only the hiding method). */
    @BeforeAll
    static void startBrowser() {
        browser = Browser.available() ? Browser.start("--host-resolver-rules=MAP " + NAME + " 127.0.0.1") : null;
    }

    private static URI byName(TestServer s) {
        URI u = s.server.baseUrl();
        return URI.create("http://" + NAME + ":" + u.getPort() + u.getPath());
    }

    /** The notify button: {hidden, disabled, title, text}, and whether the browser calls the page secure. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> notifyButton() {
        return (Map<String, Object>) browser.js("var b = document.getElementById('notify');"
                + " return {hidden: b.hidden, disabled: b.disabled, title: b.title, text: b.textContent,"
                + " shown: b.getClientRects().length > 0, secure: window.isSecureContext};");
    }

    @Test
    void notifyWhenDoneIsOfferedOnLoopbackAndOnAnInsecureOriginSaysWhyNot() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            browser.open(s.server.baseUrl());
            browser.awaitState("running");
            Map<String, Object> secure = notifyButton();
            assertEquals(Boolean.TRUE, secure.get("secure"), "http://127.0.0.1 is a secure context");
            assertEquals(Boolean.TRUE, secure.get("shown"), secure.toString());
            assertEquals(Boolean.FALSE, secure.get("disabled"), secure.toString());
            assertEquals("", secure.get("title"), secure.toString());

            browser.open(byName(s));
            browser.awaitState("running");
            Map<String, Object> insecure = notifyButton();
            assertEquals(Boolean.FALSE, insecure.get("secure"), "http://" + NAME + " is not a secure context");
            assertEquals(Boolean.TRUE, insecure.get("shown"), "the button is there to say why: " + insecure);
            assertEquals(Boolean.TRUE, insecure.get("disabled"), insecure.toString());
            assertEquals("Notifications need https or localhost", insecure.get("title"), insecure.toString());
            browser.js("document.getElementById('notify').click()");
            assertEquals("Notify when done", notifyButton().get("text"), "a click asks nothing");
            s.exit(0);
            browser.awaitState("ok");
        }
    }

    @Test
    void anInsecureOriginsConsoleHasNoCrossOriginOpenerPolicyError() throws Exception {
        try (TestServer s = TestServer.start(TestServer.loopback().withToken(Tokens.generate())).started()) {
            s.recorder.lines("stdout").line("hello");
            browser.consoleLog(); // what earlier tests left
            browser.open(byName(s));
            browser.waitForLines(1);
            s.exit(0);
            browser.awaitState("ok");
            List<LogEntry> log = browser.consoleLog();
            List<String> errors = log.stream().filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).collect(Collectors.toList());
            assertEquals(List.of(), errors, "console errors over plain http to " + NAME);
        }
    }
}
