package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CI markup and secrets through the real CommandRunner, from real programs. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MarkupIT {
    private static final String SECRET = "tok-9f8e7d";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private List<Event> run(RunConfig config) {
        Journal journal = new Journal(JournalConfig.inMemory(10_000));
        new CommandRunner(config, new Recorder(journal), out, out).run();
        List<Event> events = new ArrayList<>();
        journal.read(0, 10_000, Long.MAX_VALUE, events::add);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id(), "ids are one sequence, markup included");
        }
        return events;
    }

    private static RunConfig config(List<String> command, Map<String, String> env) {
        return new RunConfig(command, Path.of("").toAbsolutePath(), env, false, Duration.ofSeconds(2), 65536, true,
                null, true);
    }

    private static JsonObject json(Event e) {
        return JsonParser.parseString(e.payloadJson()).getAsJsonObject();
    }

    /** The events between start and exit, finished lines only, as short readable rows. */
    private static List<String> rows(List<Event> events) {
        List<String> rows = new ArrayList<>();
        for (Event e : events.subList(1, events.size() - 1)) {
            JsonObject j = json(e);
            if (j.has("partial")) {
                continue;
            }
            j.remove("time");
            String row = switch (e.type()) {
                case "stdout", "stderr" -> "L" + j.get("line") + " " + j.get("text").getAsString();
                case "group" -> "group " + j.remove("action").getAsString() + " " + j.remove("name").getAsString() + " "
                        + j.remove("title").getAsString() + " @" + j.remove("at") + (j.remove("collapsed").getAsBoolean() ? " collapsed" : "");
                case "annotation" -> "annotation " + j.remove("level").getAsString() + " @" + j.remove("at") + " "
                        + j.remove("message").getAsString() + " " + j;
                default -> e.type() + " " + j;
            };
            rows.add(row.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", ""));
        }
        return rows;
    }

    private static String resource(String name) {
        return Path.of(java.net.URI.create(MarkupIT.class.getResource("/markup/" + name).toString())).toString();
    }

    @Test
    void aGitHubActionsJobPrintedByAShellScriptBecomesGroupsAndAnnotationsAroundItsLines() {
        List<Event> events = run(config(List.of("sh", resource("github-job.sh")), Map.of()));
        assertEquals(List.of(
                "group start run-actions-setup-node-v4 Run actions/setup-node@v4 @1 collapsed",
                "L1 Attempting to download 20.x...",
                "annotation debug @2 Checking cache for node 20.x {}",
                "L2 Acquiring 20.11.1 - x64 from https://github.com/actions/node-versions/releases/download/20.11.1",
                "group end run-actions-setup-node-v4 Run actions/setup-node@v4 @3 collapsed",
                "group start run-npm-ci Run npm ci @3 collapsed",
                "L3 added 312 packages in 9s",
                "L4 npm WARN deprecated inflight@1.0.6",
                "group end run-npm-ci Run npm ci @5 collapsed",
                "group start run-npm-run-lint Run npm run lint @5 collapsed",
                "L5 > eslint .",
                "annotation error @6 'fetchh' is not defined. {\"title\":\"no-undef\",\"file\":\"src/index.js\",\"line\":12,\"col\":5,\"endColumn\":18}",
                "annotation warning @6 'x' is assigned a value but never used.\n  Remove it, or prefix it with _. "
                        + "{\"title\":\"Lint: unused\",\"file\":\"src/util,old.js\",\"line\":3}",
                "annotation notice @6 Lines 87.5% (target 85%) {\"title\":\"Coverage\"}",
                "group end run-npm-run-lint Run npm run lint @6 collapsed",
                "L6 Publishing with token ***",
                "L7 ::error::this is a line of a log being printed, not a command",
                "group start post-job-cleanup Post job cleanup. @8 collapsed",
                "L8 Cleaning up orphan processes",
                "group end post-job-cleanup Post job cleanup. @9 collapsed",
                "L9 ::set-output name=result::ok"), rows(events));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("::add-mask::ghs_Xk93mQ7wLz2P\n"), "the terminal sees it all");
        for (Event e : events) {
            assertFalse(e.payloadJson().contains("Xk93mQ7wLz2P"), e.toString());
        }
    }

    @Test
    void aGitLabJobLogPrintedByAPythonProgramBecomesNestedSectionsAndItsLinesKeepTheirNumbers() {
        Assumptions.assumeTrue(hasPython(), "python3 is not installed: the GitLab job log test needs it");
        List<Event> events = run(config(List.of("python3", resource("gitlab-job.py")), Map.of()));
        assertEquals(List.of(
                "L1 Running with gitlab-runner 16.8.0 (c72a09b6)",
                "L2   on docker-runner-1 xS7zYq2b, system ID: s_4f3a9c2d1e0b",
                "group start prepare_executor Preparing the \"docker\" executor @3",
                "L3 Using Docker executor with image python:3.12 ...",
                "group end prepare_executor Preparing the \"docker\" executor @4",
                "group start prepare_script Preparing environment @4",
                "L4 Running on runner-xs7zyq2b-project-42-concurrent-0 via build-host...",
                "group end prepare_script Preparing environment @5",
                "group start get_sources Getting source from Git repository @5",
                "L5 Fetching changes with git depth set to 20...",
                "L6 Checking out 1a2b3c4d as detached HEAD (ref is main)...",
                "group end get_sources Getting source from Git repository @7",
                "group start step_script Executing \"step_script\" stage of the job script @7",
                "L7 $ pip install -r requirements.txt",
                "group start pip_install Installing dependencies @8 collapsed",
                "L8 Successfully installed requests-2.31.0",
                "L9 WARNING: Running pip as the 'root' user",
                "group end pip_install Installing dependencies @10 collapsed",
                "L10 $ pytest -q",
                "L11 12 passed in 0.84s",
                "group end step_script Executing \"step_script\" stage of the job script @12",
                "group start cleanup_file_variables Cleaning up project directory and file based variables @12",
                "group end cleanup_file_variables Cleaning up project directory and file based variables @12",
                "L12 Job succeeded"), rows(events));
        JsonObject first = json(events.stream().filter(e -> e.type().equals("group")).findFirst().orElseThrow());
        assertEquals("\u001b[36;1mPreparing the \"docker\" executor\u001b[0;m", first.get("title").getAsString(),
                "the header keeps its colours, as line text does");
    }

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSecretWrittenAByteAtATimeNeverShowsNotEvenWhileItsLineIsOpen() {
        List<Event> events = run(config(TestChild.command(
                "bytes:auth tok-9f:2000", "sleep:400", "bytes:8e7d ok\\n:2000",
                "bytes:zzk-9f8e7d:1000", "sleep:400", "bytes:\\rto\\n:1000",
                "bytes:::group::Deploy with tok-9f:1000", "sleep:400", "bytes:8e7d\\n:1000",
                "bytes:::error title=" + SECRET + "::failed for tok-:1000", "sleep:400", "bytes:9f8e7d\\n:1000",
                "out:done\\n"), Map.of("DEPLOY_TOKEN", SECRET)).withMasks(List.of(), List.of("DEPLOY_TOKEN")));
        assertTrue(json(events.get(0)).get("command").toString().contains("title=***::"), "the command line is masked too");
        for (Event e : events) {
            assertFalse(e.payloadJson().contains(SECRET), e.toString());
            // The steps in the command line have pieces of it; the output must not have even those.
            assertTrue(e.id() == 1 || !e.payloadJson().contains("tok-"), "not even the start of it: " + e);
        }
        List<String> partials = events.stream().filter(e -> e.type().equals("stdout") && json(e).has("partial"))
                .map(e -> json(e).get("line") + " " + json(e).get("text").getAsString()).toList();
        assertTrue(partials.contains("1 auth "), "the open line showed without the start of the secret: " + partials);
        assertTrue(partials.stream().allMatch(p -> p.startsWith("1 ") || p.startsWith("2 ")),
                "commands do not show while they are written: " + partials);
        assertEquals(List.of(
                "L1 auth *** ok",
                "L2 ***",
                "group start deploy-with Deploy with *** @3 collapsed",
                "annotation error @3 failed for *** {\"title\":\"***\"}",
                "L3 done"), rows(events));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("auth tok-9f8e7d ok"), "the terminal is not masked");
    }

    @Test
    void anAddMaskLineWrittenSlowlyIsNeverServedAndItsValueIsMaskedOnBothStreams() {
        List<Event> events = run(config(TestChild.command(
                "bytes:::add-mask::hunter-22:2000", "sleep:400", "bytes:x\\n:1000", "drained",
                "err:login hunter-22x\\n", "sleep:200", "out:user hunter-22x\\n"), Map.of()).withMergedStderr(false));
        for (Event e : events.subList(1, events.size())) { // the start event's command line has it: it came first
            assertFalse(e.payloadJson().contains("hunter"), e.toString());
            assertFalse(e.payloadJson().contains("add-mask"), e.toString());
        }
        assertEquals(List.of("L1 login ***", "L2 user ***"), rows(events));
        assertEquals("stderr", events.get(1).type());
    }
}
