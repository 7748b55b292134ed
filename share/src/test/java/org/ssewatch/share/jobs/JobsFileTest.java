package org.ssewatch.share.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("jobs.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = write(yaml);
        JobsFileException e = assertThrows(JobsFileException.class, () -> Jobs.load(file));
        String prefix = file + ":";
        e.problems().forEach(p -> assertTrue(p.startsWith(prefix), p));
        return e.problems().stream().map(p -> p.substring(prefix.length())).toList();
    }

    private static final String DEPLOY = """
            jobs:
              deploy:
                title: Deploy the site
                command: ["./deploy.sh", "--env", "{env}", "--tag={tag}"]
                dir: site
                env: {DEPLOY_USER: ci}
                params:
                  env: {type: choice, choices: [staging, production], default: staging}
                  tag: {type: string, pattern: "^[a-z0-9.-]{1,40}$"}
                concurrency: 2
                timeout: 30m
              check:
                command: [true]
            """;

    @Test
    void theIssuesExampleLoadsIntoItsRecords() throws Exception {
        Files.createDirectory(dir.resolve("site"));
        Jobs jobs = Jobs.load(write(DEPLOY.replace("[true]", "[\"true\"]")));
        assertEquals(List.of("deploy", "check"), List.copyOf(jobs.jobs().keySet()));
        Job deploy = jobs.job("deploy").orElseThrow();
        assertEquals("Deploy the site", deploy.title());
        assertEquals(List.of("./deploy.sh", "--env", "{env}", "--tag={tag}"), deploy.command());
        assertEquals(dir.resolve("site").toAbsolutePath(), deploy.dir());
        assertEquals(java.util.Map.of("DEPLOY_USER", "ci"), deploy.env());
        assertEquals(2, deploy.concurrency());
        assertEquals(Optional.of(Duration.ofMinutes(30)), deploy.timeout());
        Param env = deploy.params().get("env");
        assertEquals(ParamType.CHOICE, env.type());
        assertEquals(List.of("staging", "production"), env.choices());
        assertEquals(Optional.of("staging"), env.defaultValue());
        assertTrue(deploy.params().get("tag").required());
        Job check = jobs.job("check").orElseThrow();
        assertEquals("check", check.title(), "the title defaults to the name");
        assertEquals(1, check.concurrency(), "one run at a time unless the file says otherwise");
        assertEquals(Optional.empty(), check.timeout());
        assertEquals(dir.toAbsolutePath(), check.dir(), "without dir, a job runs in the jobs file's directory");
    }

    @Test
    void aDefaultThatIsNotOneOfTheChoicesIsReportedAtItsLineAndColumn() throws Exception {
        assertEquals(List.of("5:36: jobs.deploy.params.env: default \"prod\" is not one of [staging, production]"), problems("""
                jobs:
                  deploy:
                    command: [./deploy.sh, "{env}"]
                    params:
                      env: {type: choice, default: prod, choices: [staging, production]}
                """));
    }

    @Test
    void aTypoInAKeyIsReportedWithTheKeyItWasProbablyMeantToBe() throws Exception {
        assertEquals(List.of("3:5: jobs.a: unknown key \"comand\", did you mean \"command\"?"
                + " (known: title, command, dir, env, params, concurrency, timeout)", "3:5: jobs.a: missing 'command'"), problems("""
                jobs:
                  a:
                    comand: [ls]
                """));
    }

    @Test
    void aPlaceholderNamingNoParameterAndAParameterNeverUsedAreBothReported() throws Exception {
        assertEquals(List.of("3:21: jobs.a.command[1]: {tga} names no parameter (parameters: tag)",
                "5:7: jobs.a.params.tag: parameter \"tag\" is not used in the command"), problems("""
                jobs:
                  a:
                    command: [echo, "--tag={tga}"]
                    params:
                      tag: {type: string}
                """));
    }

    @Test
    void wrongTypesAreRefusedWithAHintToQuote() throws Exception {
        assertEquals(List.of("3:22: jobs.a.command[1]: expected a string, got a whole number (\"5\"); quote it: \"5\"",
                "4:18: jobs.a.env.DEBUG: expected a string, got a boolean (\"true\"); quote it: \"true\"",
                "5:18: jobs.a.concurrency: expected a whole number, got a string (\"two\")",
                "6:11: jobs.a.title: expected a string, got nothing"), problems("""
                jobs:
                  a:
                    command: [sleep, 5]
                    env: {DEBUG: true}
                    concurrency: two
                    title:
                """));
    }

    @Test
    void concurrencyBelowOneAndABadTimeoutAreRefused() throws Exception {
        assertEquals(List.of("4:18: jobs.a.concurrency: must be from 1 to 10000, got 0",
                "5:14: jobs.a.timeout: 'half an hour' is not a duration (examples: 500ms, 5s, 10m, 1h30m)"), problems("""
                jobs:
                  a:
                    command: [ls]
                    concurrency: 0
                    timeout: half an hour
                """));
    }

    @Test
    void aTimeoutIsADurationOrWholeSeconds() throws Exception {
        Jobs jobs = Jobs.load(write("jobs:\n  a: {command: [ls], timeout: 90}\n  b: {command: [ls], timeout: 1h30m}\n"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), jobs.job("a").orElseThrow().timeout());
        assertEquals(Optional.of(Duration.ofMinutes(90)), jobs.job("b").orElseThrow().timeout());
        assertEquals(List.of("2:31: jobs.a.timeout: must be more than zero"), problems("jobs:\n  a: {command: [ls], timeout: 0s}\n"));
    }

    @Test
    void aDuplicateKeyIsReportedWithWhereItFirstAppeared() throws Exception {
        assertEquals(List.of("4:5: jobs.a: duplicate key \"command\" (first at line 3)"), problems("""
                jobs:
                  a:
                    command: [ls]
                    command: [rm]
                """));
    }

    @Test
    void anEmptyCommandAndAProgramWithAParameterAreRefused() throws Exception {
        assertEquals(List.of("2:16: jobs.a.command: the command is empty",
                "3:17: jobs.b.command[0]: the program cannot take a parameter",
                "4:17: jobs.c.command[0]: the program is empty"), problems("""
                jobs:
                  a: {command: []}
                  b: {command: ["{prog}"], params: {prog: {}}}
                  c: {command: [""]}
                """));
    }

    @Test
    void aDefaultThatBreaksItsPatternOrTypeIsRefused() throws Exception {
        assertEquals(List.of("5:57: jobs.a.params.tag: default \"Not A Tag\" does not match ^[a-z]+$",
                "6:31: jobs.a.params.n.default: expected a whole number, got a string (\"ten\")",
                "7:40: jobs.a.params.m: default 11 is more than the maximum, 10"), problems("""
                jobs:
                  a:
                    command: [echo, "{tag}", "{n}", "{m}"]
                    params:
                      tag: {type: string, pattern: "^[a-z]+$", default: Not A Tag}
                      n: {type: int, default: ten}
                      m: {type: int, max: 10, default: 11}
                """));
    }

    @Test
    void anInvalidPatternAndAnUnknownTypeAreRefused() throws Exception {
        assertEquals(List.of("5:36: jobs.a.params.tag.pattern: invalid pattern: Unclosed character class at index 3 of \"[a-z\"",
                "6:17: jobs.a.params.n.type: unknown type \"integer\" (types: string, choice, int, bool)"), problems("""
                jobs:
                  a:
                    command: [echo, "{tag}", "{n}"]
                    params:
                      tag: {type: string, pattern: "[a-z"}
                      n: {type: integer}
                """));
    }

    @Test
    void aChoiceWithoutChoicesAndAPatternOnAnIntAreRefused() throws Exception {
        assertEquals(List.of("5:10: jobs.a.params.c: a choice needs choices",
                "6:10: jobs.a.params.n: only a string has a pattern"), problems("""
                jobs:
                  a:
                    command: [echo, "{c}", "{n}"]
                    params:
                      c: {type: choice}
                      n: {type: int, pattern: "[0-9]+"}
                """));
    }

    @Test
    void aLoneBraceIsAMistakeAndDoubledBracesAreLiteral() throws Exception {
        assertEquals(List.of("3:24: jobs.a.command[2]: '{' in \"{not a name}\" does not start a {name} placeholder (write {{ for a literal brace)",
                "3:40: jobs.a.command[3]: a lone '}' in \"x}\" (write }} for a literal brace)"), problems("""
                jobs:
                  a:
                    command: [find, ., "{not a name}", "x}"]
                """));
        Job find = Jobs.load(write("jobs:\n  f: {command: [find, ., -exec, echo, \"{{}}\", \";\"]}\n")).job("f").orElseThrow();
        assertEquals(List.of("find", ".", "-exec", "echo", "{}", ";"), find.invoke(java.util.Map.of()).argv());
    }

    @Test
    void aSyntaxErrorIsReportedOnOneLineWithItsPosition() throws Exception {
        List<String> p = problems("jobs:\n  a:\n    command: [ls\n    title: x\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).matches("\\d+:\\d+: .*"), p.get(0));
        assertTrue(!p.get(0).contains("\n"));
    }

    @Test
    void anAliasBombIsRefusedInsteadOfExpanded() throws Exception {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        List<String> p = problems(y.toString());
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("exceeds the specified max=" + JobsReader.MAX_ALIASES), p.get(0));
    }

    @Test
    void aFewAliasesAndMergeKeysWork() throws Exception {
        Jobs jobs = Jobs.load(write("""
                jobs:
                  a: &base {command: [ls], env: {LANG: C}, concurrency: 3}
                  b:
                    <<: *base
                    title: B
                """));
        Job b = jobs.job("b").orElseThrow();
        assertEquals("B", b.title());
        assertEquals(3, b.concurrency());
        assertEquals(java.util.Map.of("LANG", "C"), b.env());
    }

    @Test
    void anEmptyFileAMissingJobsKeyAndAnEmptyJobsMappingAreRefused() throws Exception {
        assertEquals(List.of("1:1: the file is empty; it needs a 'jobs:' mapping"), problems(""));
        assertEquals(List.of("1:1: unknown key \"job\", did you mean \"jobs\"? (known: jobs)",
                "1:1: no jobs: the file needs a 'jobs:' mapping of job names to jobs"), problems("job: {}\n"));
        assertEquals(List.of("1:7: jobs: no jobs defined"), problems("jobs: {}\n"));
    }

    @Test
    void aBadJobNameAMissingDirAndABadVariableNameAreRefused() throws Exception {
        assertEquals(List.of("2:3: jobs.a b: a job's name is 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit",
                "2:29: jobs.a b.dir: no such directory: " + dir.toAbsolutePath().resolve("nowhere"),
                "2:44: jobs.a b.env: \"1X\" is not a variable name (letters, digits and _)"), problems("""
                jobs:
                  a b: {command: [ls], dir: nowhere, env: {1X: y}}
                """));
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("jobs.yaml");
        Files.write(file, new byte[] {'j', 'o', 'b', 's', ':', ' ', (byte) 0xff, '\n'});
        JobsFileException e = assertThrows(JobsFileException.class, () -> Jobs.load(file));
        assertEquals(List.of(file + ":1:1: not UTF-8 text"), e.problems());
    }
}
