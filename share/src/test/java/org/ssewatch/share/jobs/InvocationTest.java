package org.ssewatch.share.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationTest {
    @TempDir
    static Path dir;
    static Job deploy;

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("jobs.yaml");
        Files.writeString(file, """
                jobs:
                  deploy:
                    command: ["./deploy.sh", "--env", "{env}", "--tag={tag}", "{count}", "--dry-run={dry}", "{note}"]
                    params:
                      env: {type: choice, choices: [staging, production], default: staging}
                      tag: {type: string, pattern: "^[a-z0-9.-]{1,40}$"}
                      count: {type: int, min: -5, max: 100, default: 1}
                      dry: {type: bool, default: false}
                      note: {type: string, default: ""}
                """);
        deploy = Jobs.load(file).job("deploy").orElseThrow();
    }

    private static List<String> argv(Map<String, ?> values) throws ParamException {
        return deploy.invoke(values).argv();
    }

    private static String refusal(Map<String, ?> values) {
        return assertThrows(ParamException.class, () -> deploy.invoke(values)).getMessage();
    }

    private static String refusalFromJson(String json) {
        return refusal(SubmittedParams.fromJson(JsonParser.parseString(json).getAsJsonObject()));
    }

    @Test
    void defaultsFillWhatIsNotSubmittedAndEachValueStaysInItsOwnElement() throws Exception {
        assertEquals(List.of("./deploy.sh", "--env", "staging", "--tag=v1.2", "1", "--dry-run=false", ""), argv(Map.of("tag", "v1.2")));
        Invocation i = deploy.invoke(Map.of("tag", "v1.2", "env", "production", "count", 7L, "dry", true, "note", "a b  c"));
        assertEquals(List.of("./deploy.sh", "--env", "production", "--tag=v1.2", "7", "--dry-run=true", "a b  c"), i.argv());
        assertEquals(Map.of("env", "production", "tag", "v1.2", "count", "7", "dry", "true", "note", "a b  c"), i.params());
        assertEquals("deploy", i.job());
    }

    @Test
    void aMissingRequiredParameterAndAnUnknownOneAreRefusedByName() {
        assertEquals("parameter \"tag\" is required", refusal(Map.of()));
        assertEquals("unknown parameter \"tga\" (job deploy takes env, tag, count, dry, note)", refusal(Map.of("tag", "x", "tga", "y")));
        Map<String, Object> nullTag = new HashMap<>();
        nullTag.put("tag", null);
        assertEquals("parameter \"tag\" is required", refusal(nullTag), "null counts as not submitted");
    }

    @Test
    void aValueThatBreaksItsPatternOrChoicesIsRefusedOnOneLine() {
        assertEquals("parameter \"tag\": \"v1; rm -rf x\" does not match ^[a-z0-9.-]{1,40}$", refusal(Map.of("tag", "v1; rm -rf x")));
        assertEquals("parameter \"tag\": \"v1\\nv2\" does not match ^[a-z0-9.-]{1,40}$", refusal(Map.of("tag", "v1\nv2")),
                "a newline after an otherwise matching value does not slip past $");
        assertEquals("parameter \"env\": \"prod\" is not one of [staging, production]", refusal(Map.of("tag", "x", "env", "prod")));
    }

    @Test
    void intsAreWholeNumbersWithinLongAndTheirRange() {
        assertEquals("parameter \"count\": \"3.0\" is not a whole number", refusalFromJson("{\"tag\": \"x\", \"count\": 3.0}"));
        assertEquals("parameter \"count\": 101 is more than the maximum, 100", refusalFromJson("{\"tag\": \"x\", \"count\": 101}"));
        assertEquals("parameter \"count\": -6 is less than the minimum, -5", refusal(Map.of("tag", "x", "count", "-6")));
        assertEquals("parameter \"count\": 9223372036854775808 is out of range (-9223372036854775808 to 9223372036854775807)",
                refusalFromJson("{\"tag\": \"x\", \"count\": 9223372036854775808}"));
        assertEquals("parameter \"count\": \"1e3\" is not a whole number", refusalFromJson("{\"tag\": \"x\", \"count\": 1e3}"));
        assertEquals("parameter \"count\": expected a whole number, got true", refusalFromJson("{\"tag\": \"x\", \"count\": true}"));
    }

    @Test
    void boolsAreTrueOrFalseAsJsonOrAsText() throws Exception {
        assertEquals("--dry-run=true", argv(SubmittedParams.fromJson(JsonParser.parseString("{\"tag\": \"x\", \"dry\": true}")
                .getAsJsonObject())).get(5));
        assertEquals("--dry-run=false", argv(Map.of("tag", "x", "dry", "false")).get(5));
        assertEquals("parameter \"dry\": \"yes\" is not true or false", refusal(Map.of("tag", "x", "dry", "yes")));
        assertEquals("parameter \"dry\": expected true or false, got the number 1", refusalFromJson("{\"tag\": \"x\", \"dry\": 1}"));
    }

    @Test
    void wrongJsonTypesAreRefusedByName() {
        assertEquals("parameter \"tag\": expected a string, got the number 5", refusalFromJson("{\"tag\": 5}"));
        assertEquals("parameter \"tag\": expected a string, got a list or an object", refusalFromJson("{\"tag\": [\"a\"]}"));
        assertEquals("parameter \"note\": expected a string, got true", refusalFromJson("{\"tag\": \"x\", \"note\": true}"));
    }

    @Test
    void aNulIsRefusedBecauseNoArgumentCanHoldIt() {
        assertEquals("parameter \"note\": contains a NUL character, which a command-line argument cannot hold",
                refusal(Map.of("tag", "x", "note", "a\0b")));
    }

    @Test
    void anOverlongValueIsRefusedAndTheMessageQuotesOnlyItsStart() {
        String huge = "x".repeat(Param.MAX_LENGTH + 1);
        assertEquals("parameter \"note\": is " + huge.length() + " characters long, more than " + Param.MAX_LENGTH,
                refusal(Map.of("tag", "x", "note", huge)));
        String message = refusal(Map.of("tag", "y".repeat(100)));
        assertEquals("parameter \"tag\": \"" + "y".repeat(60) + "\"... (100 characters) does not match ^[a-z0-9.-]{1,40}$", message);
    }

    @Test
    void aJobWithoutParametersTakesNone() throws IOException, Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, "jobs:\n  plain: {command: [\"true\"]}\n");
        Job plain = Jobs.load(file).job("plain").orElseThrow();
        assertEquals(List.of("true"), plain.invoke(Map.of()).argv());
        assertEquals("unknown parameter \"x\" (job plain takes none)",
                assertThrows(ParamException.class, () -> plain.invoke(Map.of("x", "1"))).getMessage());
    }
}
