package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssewatch emit}, called by a script that ssewatch runs: through the launcher script's fast
 * path (bash alone) and through the jar (Java), its refusals and exit statuses, and ssewatch's own
 * refusals of what emit lets through.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EmitIT {
    private static final Path LAUNCHER = Path.of("..", "ssewatch").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The launcher, run by a script: SSEWATCH_JAR names the built jar, so that it never builds. */
    private static Map<String, String> env() {
        return Map.of("SSEWATCH_JAR", Watched.JAR.toString(), "L", LAUNCHER.toString(),
                "J", String.join(" ", Watched.java()));
    }

    private List<Watched.Received> run(String script, StringBuilder stderr) throws Exception {
        try (Watched w = Watched.start(dir, env(), List.of(), List.of("bash", "-c", script))) {
            List<Watched.Received> events = w.events();
            stderr.append(w.stop());
            return events;
        }
    }

    private static List<Watched.Received> ofType(List<Watched.Received> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void aThousandCallsThroughTheLauncherAllArriveInOrderAfterTheLinesBeforeThem() throws Exception {
        StringBuilder err = new StringBuilder();
        List<Watched.Received> events = run("for i in $(seq 1 1000); do echo \"step $i\"; "
                + "\"$L\" emit progress \"{\\\"done\\\":$i,\\\"total\\\":1000}\" || exit 9; done", err);
        List<Watched.Received> progress = ofType(events, "progress");
        assertEquals(1000, progress.size(), err.toString());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i + 1, progress.get(i).data().get("done").getAsInt());
            assertEquals(1000, progress.get(i).data().get("total").getAsInt());
        }
        for (Watched.Received e : events) {
            if (e.type().equals("stdout")) {
                long n = Long.parseLong(e.data().get("text").getAsString().substring(5));
                long step = n;
                long after = progress.stream().filter(p -> p.data().get("done").getAsLong() == step).findFirst().orElseThrow().id();
                assertTrue(after > e.id(), "progress " + n + " after its line");
            }
        }
        assertEquals(0, events.get(events.size() - 1).data().get("code").getAsInt(), err.toString());
        assertEquals(List.of(), ofType(events, "annotation"));
    }

    @Test
    void theJavaPathDeliversInOrderAndChecksTheShapeOfKnownTypes() throws Exception {
        StringBuilder err = new StringBuilder();
        List<Watched.Received> events = run("for i in 1 2 3 4 5; do $J emit deploy-step \"{\\\"step\\\":$i}\" || exit 9; done; "
                + "$J emit progress '{\"done\":5}'; echo \"progress:$?\"; "
                + "$J emit status '{\"text\":\"migrating users\"}'; $J emit ping; echo end", err);
        assertEquals(List.of(1, 2, 3, 4, 5), ofType(events, "deploy-step").stream()
                .map(e -> e.data().get("step").getAsInt()).toList());
        assertEquals("migrating users", ofType(events, "status").get(0).data().get("text").getAsString());
        assertEquals("{}", ofType(events, "ping").get(0).data().toString(), "JSON defaults to {}");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("stdout") && e.data().get("text").getAsString()
                .equals("progress:2")), "the Java path refuses a progress without total: " + events);
        assertEquals(List.of("ssewatch: emit: refused: progress needs \"total\""), ofType(events, "stderr").stream()
                .map(e -> e.data().get("text").getAsString()).toList(), "the command's stderr, as ssewatch recorded it");
        assertEquals(List.of(), ofType(events, "progress"));
    }

    /** Each refusal of the launcher's fast path: one line, exit status 2, and nothing sent. */
    @Test
    void theLauncherRefusesEachKindOfBadEventWithOneLineAndStatus2() throws Exception {
        String over = "x".repeat(4100);
        String[][] cases = {
            {"exit", "{}", "\"exit\" is a type ssewatch writes itself"},
            {"stdout", "{}", "\"stdout\" is a type ssewatch writes itself"},
            {"bad type", "{}", "not a type name: \"bad type\" (1 to 64 of A-Z a-z 0-9 _ . -)"},
            {"t", "{\"a\":}", "the data is not valid JSON (at: })"},
            {"t", "[1,2]", "the data must be a JSON object"},
            {"t", "{\"a\":1} {}", "the data is not valid JSON (at: {})"},
            {"t", "{\"s\":\"" + over + "\"}", "the event is " + ("{\"type\":\"t\",\"data\":{\"s\":\"" + over + "\"}}\n").length()
                    + " bytes, over the cap of 4096"},
        };
        StringBuilder script = new StringBuilder();
        for (String[] c : cases) {
            script.append("\"$L\" emit '").append(c[0]).append("' '").append(c[1]).append("' 2>>said; echo \"status $?\" >>said; ");
        }
        script.append("cat said");
        StringBuilder err = new StringBuilder();
        List<Watched.Received> events = run(script.toString(), err);
        List<String> said = ofType(events, "stdout").stream().map(e -> e.data().get("text").getAsString()).toList();
        List<String> expected = new ArrayList<>();
        for (String[] c : cases) {
            expected.add("ssewatch: emit: refused: " + c[2]);
            expected.add("status 2");
        }
        assertEquals(expected, said);
        assertEquals(List.of("start", "exit"), events.stream().map(Watched.Received::type)
                .filter(t -> !t.equals("stdout")).toList(), "nothing was sent");
    }

    /** What the fast path cannot tell (the fields of progress, a raw write), ssewatch refuses as it reads. */
    @Test
    void whatEmitLetsThroughSsewatchRefusesWithALineOnItsStderrAndAnErrorAnnotation() throws Exception {
        StringBuilder err = new StringBuilder();
        List<Watched.Received> events = run("\"$L\" emit progress '{\"done\":7}'; echo \"status $?\"; "
                + "echo '{\"type\":\"gap\",\"data\":{}}' > \"$SSEWATCH_EVENTS\"", err);
        List<String> annotations = ofType(events, "annotation").stream().map(e -> e.data().get("level").getAsString() + " "
                + e.data().get("message").getAsString()).toList();
        assertEquals(List.of("error ssewatch refused an event: progress needs \"total\"",
                "error ssewatch refused an event: \"gap\" is a type ssewatch writes itself"), annotations);
        assertTrue(err.toString().contains("ssewatch: refused an event from the command: progress needs \"total\"\n"), err.toString());
        assertTrue(err.toString().contains("ssewatch: refused an event from the command: \"gap\" is a type ssewatch writes itself\n"),
                err.toString());
        assertEquals("status 0", ofType(events, "stdout").get(0).data().get("text").getAsString(), "bash cannot tell");
    }

    @Test
    void outsideSsewatchOrAfterItsRunEmitSaysSoInOneLineWithStatus3OnBothPaths() throws Exception {
        for (List<String> emit : List.of(List.of(LAUNCHER.toString(), "emit"), with(Watched.java(), "emit"))) {
            Result unset = emit(emit, Map.of(), "status", "{\"text\":\"x\"}");
            assertEquals(3, unset.status, unset.err);
            assertEquals("ssewatch: emit: not run under ssewatch (SSEWATCH_EVENTS is not set)\n", unset.err);

            String gone = dir.resolve("ended-run/events").toString();
            Result ended = emit(emit, Map.of("SSEWATCH_EVENTS", gone), "status", "{\"text\":\"x\"}");
            assertEquals(3, ended.status, ended.err);
            assertEquals("ssewatch: emit: not run under ssewatch: " + gone + " is gone, so its run has ended\n", ended.err);

            Path plain = Files.writeString(dir.resolve("plain-file"), "");
            Result notFifo = emit(emit, Map.of("SSEWATCH_EVENTS", plain.toString()), "status", "{\"text\":\"x\"}");
            assertEquals(3, notFifo.status, notFifo.err);
            assertEquals("ssewatch: emit: not run under ssewatch: " + plain + " is not ssewatch's FIFO\n", notFifo.err);
            assertEquals("", Files.readString(plain), "nothing written to it");
            Files.delete(plain);
        }
        // A run's own FIFO, once the run is over, is gone: the path the command was given.
        StringBuilder err = new StringBuilder();
        List<Watched.Received> events = run("echo \"$SSEWATCH_EVENTS\"", err);
        String path = events.get(1).data().get("text").getAsString();
        Result late = emit(List.of(LAUNCHER.toString(), "emit"), Map.of("SSEWATCH_EVENTS", path), "late", "{}");
        assertEquals(3, late.status, late.err);
        assertTrue(late.err.endsWith("is gone, so its run has ended\n"), late.err);
    }

    @Test
    void aFifoLeftBehindWithNoReaderIsARunThatEndedForTheJavaPath() throws Exception {
        Path fifo = dir.resolve("stale");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Result r = emit(with(Watched.java(), "emit"), Map.of("SSEWATCH_EVENTS", fifo.toString()), "t", "{}");
        assertEquals(3, r.status, r.err);
        assertEquals("ssewatch: emit: not run under ssewatch: nothing reads " + fifo + ", so its run has ended\n", r.err);
    }

    /**
     * The launcher's JSON check against Gson's, the Java path's: outside ssewatch, a valid event
     * is status 3 (checked, then not sent) and an invalid one status 2, on both paths alike.
     */
    @Test
    void theLaunchersJsonCheckAcceptsAndRefusesWhatTheJavaPathDoes() throws Exception {
        String[] samples = {
            "{}", " { } ", "{\"a\":1}", "{\"a\":-0.5e+3}", "{\"a\":[1,[2,{}],\"x\"]}", "{\"a\":true,\"b\":false,\"c\":null}",
            "{\"s\":\"q\\\" b\\\\ s\\/ \\n \\u00e9 \u00e9\"}", "{\"a\":{\"b\":{\"c\":[]}}}", "{\n\"a\" :\t1\n}",
            "", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
            "{\"a\":+1}", "{\"a\":tru}", "{\"a\":True}", "{'a':1}", "{a:1}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"tab\there\"}", "{\"a\":[1,]}", "{\"a\":[}", "{\"a\":1}}", "{\"a\":1} x", "[]", "\"s\"", "42",
            "{\"a\":1 \"b\":2}", "{\"a\":\"unterminated}"};
        for (String json : samples) {
            int bash = emit(List.of(LAUNCHER.toString(), "emit"), Map.of(), "t", json).status;
            int java = emit(with(Watched.java(), "emit"), Map.of(), "t", json).status;
            assertEquals(java, bash, "bash and Java differ on " + json);
            assertTrue(bash == 2 || bash == 3, json + ": " + bash);
        }
    }

    record Result(int status, String err) {
    }

    private Result emit(List<String> emit, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(with(emit, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("SSEWATCH_EVENTS");
        pb.environment().putAll(env);
        pb.environment().put("SSEWATCH_JAR", Watched.JAR.toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }

    private static List<String> with(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
