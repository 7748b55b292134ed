package org.ssewatch.web;

import java.util.List;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/** A test server with a token, and the page of its run, for the tests of how the page shows a run. */
abstract class RunPageBrowserTest extends BrowserTest {
    static TestServer server() throws ServerStartException {
        return TestServer.start(TestServer.loopback().withToken(Tokens.generate()));
    }

    static void open(TestServer s, String suffix) {
        browser.open(s.server.baseUrl().resolve(suffix));
    }

    /** Whether line n is on screen. */
    static boolean inView(int n) {
        return Boolean.TRUE.equals(browser.js("var e = document.getElementById('L' + arguments[0]); if (!e) { return false; }"
                + " var r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;", n));
    }

    /** Whether line n is the marked target and on screen. */
    static boolean targetInView(int n) {
        return inView(n) && Boolean.TRUE.equals(browser.js("return document.getElementById('L' + arguments[0]).classList.contains('target')", n));
    }

    /** Starts a run of {@code make} (no terminal) and returns its stdout. */
    static Recorder.StreamLines startMake(TestServer s) {
        s.recorder.start(new StartInfo(List.of("make"), "/src", "h", 2L, null, false));
        return s.recorder.lines("stdout");
    }
}
