package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;
import org.ssewatch.web.hub.HubFixture;

/** The hub's page in headless Chromium, over a real hub with real jobs and htpasswd operators. */
@Timeout(120)
class HubPageBrowserIT extends BrowserTest {
    private static final String READY = "window.ssewatchHub";

    @TempDir
    Path dir;

    @BeforeEach
    void prepare() throws Exception {
        HubFixture.prepare(dir);
    }

    private String runState(String id) {
        return (String) browser.js("var r = document.querySelector('tr[data-run=\"' + arguments[0] + '\"]');"
                + " return r ? r.dataset.state : null", id);
    }

    private String firstRunId() {
        return (String) browser.js("var r = document.querySelector('#runs tr'); return r ? r.dataset.run : null");
    }

    /** The run's first line, once it printed it (the test's timeout bounds the wait). */
    private static String output(HubFixture hub, String id) throws Exception {
        String text;
        while ((text = hub.get("runs/" + id + "/log.txt").body()).isEmpty()) {
            Thread.sleep(20);
        }
        return text;
    }

    @Test
    void anOperatorFillsAFormRunsWatchesLiveAndCancelsAndRunsAgain() throws Exception {
        try (HubFixture hub = new HubFixture(dir, true, 8)) {
            browser.open(hub.base, READY);
            assertEquals(List.of("wait", "sleep", "argv"), browser.js(
                    "return Array.from(document.querySelectorAll('form.job')).map(f => f.dataset.job)"));
            assertEquals(Boolean.TRUE, browser.js("return document.querySelector('form[data-job=sleep] button.run').disabled"),
                    "Run waits for a login");
            assertEquals("SELECT", browser.js("return document.querySelector('form[data-job=sleep] [name=mode]').tagName"));
            assertEquals("checkbox", browser.js("return document.querySelector('form[data-job=sleep] [name=loud]').type"));
            assertEquals("number", browser.js("return document.querySelector('form[data-job=sleep] [name=count]').type"));
            browser.js("document.getElementById('login-user').value = 'alice';"
                    + " document.getElementById('login-password').value = 'wrong';"
                    + " document.querySelector('#login button').click()");
            browser.waitUntil("a wrong password is said", d -> String.valueOf(browser.text("notice")).contains("wrong name or password"));
            browser.js("document.getElementById('login-password').value = 'correct horse';"
                    + " document.querySelector('#login button').click()");
            browser.waitUntil("logged in", d -> "operator: alice".equals(browser.text("operator")));
            browser.js("var f = document.querySelector('form[data-job=sleep]'); f.querySelector('[name=mode]').value = 'slow';"
                    + " f.querySelector('[name=loud]').checked = true; f.querySelector('[name=count]').value = '3';"
                    + " f.querySelector('button.run').click()");
            String id = browser.waitUntil("the run is listed", d -> firstRunId());
            browser.waitUntil("it runs", d -> "running".equals(runState(id)));
            assertEquals("sleeping --mode slow true 3\n", output(hub, id), "the form's values, as the job's argv");
            String href = (String) browser.js("return document.querySelector('tr[data-run=\"' + arguments[0] + '\"] a').href", id);
            assertEquals(hub.base.resolve("runs/" + id + "/").toString(), href);

            browser.open(java.net.URI.create(href));
            browser.awaitState("running");
            browser.waitForLines(1);
            assertEquals("sleeping --mode slow true 3", browser.lineText(1), "watched live on the run's page");
            browser.waitUntil("the header shows the job and its parameters", d -> "sleep (mode=slow, loud=true, count=3)"
                    .equals(browser.text("job")));
            assertEquals("alice from 127.0.0.1", browser.text("by"), "who started it, from where");
            assertEquals(Boolean.FALSE, browser.js("return document.getElementById('by').parentNode.hidden"));

            browser.open(hub.base, READY);
            browser.js("document.getElementById('login-user').value = 'alice';"
                    + " document.getElementById('login-password').value = 'correct horse';"
                    + " document.querySelector('#login button').click()");
            browser.waitUntil("logged in again", d -> "operator: alice".equals(browser.text("operator")));
            browser.waitUntil("Cancel is offered", d -> Boolean.TRUE.equals(browser.js(
                    "return !!document.querySelector('tr[data-run=\"' + arguments[0] + '\"] button.cancel')", id)));
            browser.js("document.querySelector('tr[data-run=\"' + arguments[0] + '\"] button.cancel').click()", id);
            browser.waitUntil("the list shows it cancelled, live", d -> "cancelled".equals(runState(id)));

            browser.js("document.querySelector('tr[data-run=\"' + arguments[0] + '\"] button.again').click()", id);
            String again = browser.waitUntil("a new run", d -> {
                String first = firstRunId();
                return first != null && !first.equals(id) ? first : null;
            });
            browser.waitUntil("the new run runs", d -> "running".equals(runState(again)));
            assertEquals("sleeping --mode slow true 3\n", output(hub, again), "run again with the same parameters");
            for (LogEntry e : browser.consoleLog()) {
                boolean wrongPassword = e.getMessage().contains("api/session - Failed to load resource") && e.getMessage().contains("403");
                assertTrue(wrongPassword || e.getLevel().intValue() < Level.WARNING.intValue(),
                        "the console said nothing but the wrong password's 403 (no CSP report, no error): " + e);
            }
        }
    }

    @Test
    void withoutOperatorsThePageSaysNobodyCanStartJobs() throws Exception {
        try (HubFixture hub = new HubFixture(dir, false, 8)) {
            browser.open(hub.base, READY);
            assertTrue(String.valueOf(browser.text("notice")).contains("started without --operators"), browser.text("notice"));
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('login').hidden"));
            assertEquals(Boolean.FALSE, browser.js("return document.getElementById('no-runs').hidden"));
        }
    }
}
