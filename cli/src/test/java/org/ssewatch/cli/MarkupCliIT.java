package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markup of real CI jobs, printed by real programs (a Python step of a GitHub Actions job, a
 * shell script in a GitLab job, and the two of the share module's tests), run by the jar and read
 * back through an independent SSE client.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MarkupCliIT {
    @TempDir
    Path dir;

    /** A test resource as a file to run: those of the share module come from its test jar. */
    private Path script(String resource) throws Exception {
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = MarkupCliIT.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    private List<Watched.Received> watch(List<String> options, String... command) throws Exception {
        try (Watched w = Watched.start(dir, Map.of(), options, List.of(command))) {
            List<Watched.Received> events = w.events();
            w.stop();
            return events;
        }
    }

    /** The lines, groups and annotations between start and exit, finished lines only, as readable rows. */
    private static List<String> rows(List<Watched.Received> events) {
        List<String> rows = new ArrayList<>();
        for (Watched.Received e : events.subList(1, events.size() - 1)) {
            JsonObject j = e.data().deepCopy();
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
                default -> null; // typed events from the command: their order among the lines is checked apart
            };
            if (row != null) {
                rows.add(row.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", ""));
            }
        }
        return rows;
    }

    private static long idOf(List<Watched.Received> events, String type, String key, String value) {
        return events.stream().filter(e -> e.type().equals(type) && e.data().has(key)
                && e.data().get(key).getAsString().equals(value)).findFirst().orElseThrow(() ->
                new AssertionError("no " + type + " with " + key + "=" + value + " in " + events)).id();
    }

    @Test
    void aPythonStepOfAGitHubActionsJobBecomesGroupsAnnotationsMaskedLinesAndItsOwnEvents() throws Exception {
        Assumptions.assumeTrue(python(), "python3 is not installed");
        List<Watched.Received> events = watch(List.of("--merge-stderr"), "python3", script("/jobs/github-job.py").toString());
        assertEquals(List.of(
                "group start set-up-job Set up job @1 collapsed",
                "L1 Current runner version: '2.314.1'",
                "L2 Operating System: Ubuntu 22.04.4 LTS",
                "group end set-up-job Set up job @3 collapsed",
                "group start run-pytest Run pytest @3 collapsed",
                "L3 Using token *** for the registry",
                "annotation error @4 assert 2 + 2 == 5\nAssertionError {\"title\":\"test_math: failed\",\"file\":"
                        + "\"tests/test_math.py\",\"line\":7,\"col\":1,\"endLine\":7,\"endColumn\":18}",
                "annotation warning @4 100% of 1 deprecated call, in tests/a,b.py {\"title\":\"Deprecated: call\","
                        + "\"file\":\"tests/a,b.py\",\"line\":3}",
                "L4 1 failed, 41 passed in 2.31s",
                "group end run-pytest Run pytest @5 collapsed",
                "L5 ::error::printed by a test, not a command",
                "annotation notice @6 Coverage 91.2% {\"title\":\"Coverage\"}"), rows(events));
        List<String> typed = events.stream().filter(e -> e.type().equals("progress") || e.type().equals("status"))
                .map(e -> e.type() + " " + e.data()).toList();
        assertEquals(List.of("progress {\"done\":1,\"total\":3,\"text\":\"set up\"}",
                "progress {\"done\":2,\"total\":3,\"text\":\"tested\"}",
                "status {\"text\":\"uploading artifacts\"}",
                "progress {\"done\":3,\"total\":3}"), typed);
        assertTrue(idOf(events, "progress", "text", "set up") > idOf(events, "group", "name", "set-up-job"),
                "an event comes after what the program printed before it");
        assertTrue(idOf(events, "status", "text", "uploading artifacts") > idOf(events, "annotation", "level", "notice"));
        events.forEach(e -> assertFalse(e.data().toString().contains("R7tQ2mZx9LwK"), e.toString()));
    }

    @Test
    void aShellScriptOfAGitLabJobBecomesNestedSectionsTheCollapsedOneSaidSo() throws Exception {
        List<Watched.Received> events = watch(List.of("--merge-stderr"), "sh", script("/jobs/gitlab-job.sh").toString());
        assertEquals(List.of(
                "L1 Running with gitlab-runner 17.0.0 (44feccdf)",
                "group start prepare_executor Preparing the \"shell\" executor @2",
                "L2 Using Shell (bash) executor...",
                "group end prepare_executor Preparing the \"shell\" executor @3",
                "group start build_script Executing \"step_script\" stage of the job script @3",
                "L3 $ make all",
                "group start compile Compiling @4 collapsed",
                "L4 cc -c main.c",
                "L5 main.c:3: warning: unused variable",
                "group start link Linking @6",
                "L6 cc -o app main.o",
                "group end link Linking @7",
                "group end compile Compiling @7 collapsed",
                "L7 Build finished",
                "group end build_script Executing \"step_script\" stage of the job script @8",
                "L8 Job succeeded"), rows(events));
    }

    /** The share module's own job scripts (GitHub's from sh, GitLab's from Python), as the CLI runs them. */
    @Test
    void theShareModulesJobScriptsGiveBalancedGroupsAndTheirAnnotationsThroughTheCli() throws Exception {
        List<Watched.Received> github = watch(List.of("--merge-stderr"), "sh", script("/markup/github-job.sh").toString());
        List<String> rows = rows(github);
        assertEquals(4, rows.stream().filter(r -> r.startsWith("group start")).count(), rows.toString());
        assertEquals(4, rows.stream().filter(r -> r.startsWith("group end")).count(), rows.toString());
        assertEquals(List.of("debug", "error", "warning", "notice"), github.stream().filter(e -> e.type().equals("annotation"))
                .map(e -> e.data().get("level").getAsString()).toList());
        assertTrue(rows.contains("L6 Publishing with token ***"), rows.toString());
        assertTrue(rows.contains("L7 ::error::this is a line of a log being printed, not a command"), rows.toString());
        github.forEach(e -> assertFalse(e.data().toString().contains("Xk93mQ7wLz2P"), e.toString()));

        Assumptions.assumeTrue(python(), "python3 is not installed");
        List<String> gitlab = rows(watch(List.of("--merge-stderr"), "python3", script("/markup/gitlab-job.py").toString()));
        assertTrue(gitlab.contains("group start pip_install Installing dependencies @8 collapsed"), gitlab.toString());
        assertEquals(6, gitlab.stream().filter(r -> r.startsWith("group end")).count(), gitlab.toString());
    }

    @Test
    void noMarkupLeavesEveryMarkupLineAsTheTextLineItIs() throws Exception {
        List<Watched.Received> events = watch(List.of("--no-markup", "--merge-stderr"), "sh", script("/jobs/gitlab-job.sh").toString());
        List<String> rows = rows(events);
        assertEquals(16, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.startsWith("L")), rows.toString());
        assertTrue(rows.get(1).startsWith("L2 Preparing the \"shell\" executor"), "a terminal's view of the marker line: " + rows);

        Assumptions.assumeTrue(python(), "python3 is not installed");
        List<String> github = rows(watch(List.of("--no-markup", "--merge-stderr"), "python3",
                script("/jobs/github-job.py").toString()));
        assertEquals("L1 ::add-mask::ghp_R7tQ2mZx9LwK", github.get(0), "without markup there is no ::add-mask:: either");
        assertEquals("L2 ::group::Set up job", github.get(1));
        assertTrue(github.contains("L8 ::error file=tests/test_math.py,line=7,col=1,endLine=7,endColumn=18,"
                + "title=test_math%3A failed::assert 2 + 2 == 5%0AAssertionError"), github.toString());
    }

    /** The example the README's quickstart runs: its phases fold, its warning is listed, its progress shown. */
    @Test
    void theBundledExampleHasGroupsAnAnnotationProgressAndStatus() throws Exception {
        Path example = Path.of("..", "share", "examples", "long-task.sh").toAbsolutePath().normalize();
        List<Watched.Received> events = watch(List.of(), "bash", example.toString());
        List<String> groups = events.stream().filter(e -> e.type().equals("group"))
                .map(e -> e.data().get("action").getAsString() + " " + e.data().get("name").getAsString()).toList();
        assertEquals(List.of("start configure", "end configure", "start compile", "end compile",
                "start download-test-fixtures", "end download-test-fixtures", "start test", "end test",
                "start package", "end package"), groups);
        Watched.Received warning = events.stream().filter(e -> e.type().equals("annotation")).findFirst().orElseThrow();
        assertEquals("warning", warning.data().get("level").getAsString());
        assertEquals("src/module_09.c", warning.data().get("file").getAsString());
        assertEquals(42, warning.data().get("line").getAsInt());
        List<Watched.Received> progress = events.stream().filter(e -> e.type().equals("progress")).toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), progress.stream().map(e -> e.data().get("done").getAsInt()).toList(),
                "a step as each of the 5 stages starts, and the last as the build ends");
        assertEquals(5, progress.get(0).data().get("total").getAsInt());
        assertEquals(List.of("Configure", "Compile", "Download test fixtures", "Test", "Package"), events.stream()
                .filter(e -> e.type().equals("status")).map(e -> e.data().get("text").getAsString()).toList());
        assertEquals(List.of(), events.stream().filter(e -> e.type().equals("annotation")
                && e.data().get("level").getAsString().equals("error")).toList(), "nothing refused");
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
