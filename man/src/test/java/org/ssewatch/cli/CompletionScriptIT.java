package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The completion script the build writes for packagers to install. */
class CompletionScriptIT {
    private static final Path SCRIPT = Path.of("target", "completion", "ssewatch.bash");

    @Test
    void theBuildWritesWhatGenerateCompletionPrints() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " was not built");

        String expected = CompletionCommand.script(SsewatchCommand.commandLine(new SsewatchCommand()));
        assertEquals(expected, Files.readString(SCRIPT, StandardCharsets.UTF_8));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), printed, new ByteArrayOutputStream(),
                false, false, false);
        assertEquals(0, Main.run(console, Map.of(), "generate-completion"));
        assertEquals(Files.readString(SCRIPT, StandardCharsets.UTF_8), printed.toString(StandardCharsets.UTF_8),
                "ssewatch generate-completion prints the built script, byte for byte");
    }

    @Test
    void bashCanSourceItAndCompleteAnOption() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        // Called by hand, the function's compopt complains on stderr that no completion is running.
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c",
                "source \"$SCRIPT\" && fn=$(complete -p ssewatch | sed -E 's/.*-F ([^ ]+).*/\\1/')"
                        + " && COMP_WORDS=(ssewatch --spill-d) && COMP_CWORD=1"
                        + " && COMP_LINE='ssewatch --spill-d' && COMP_POINT=18"
                        + " && \"$fn\" ssewatch --spill-d ssewatch 2>/dev/null && printf '%s\\n' \"${COMPREPLY[@]}\"");
        pb.environment().put("SCRIPT", SCRIPT.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");

        assertEquals(0, p.exitValue(), out);
        assertEquals("--spill-dir", out.strip());
    }

    private static final Path BASH_COMPLETION = Path.of("/usr/share/bash-completion/bash_completion");

    /**
     * What the script offers for the last of {@code words} (an empty string: nothing typed yet), as
     * bash would call it at Tab, in the repository's root; with bash-completion loaded first, or not.
     */
    static List<String> complete(boolean bashCompletion, String... words) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        if (bashCompletion) {
            assumeTrue(Files.isRegularFile(BASH_COMPLETION), "bash-completion is not installed (apt-get install bash-completion)");
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "--norc", "--noprofile", "-c",
                "if [ -n \"$BASH_COMPLETION\" ]; then source \"$BASH_COMPLETION\"; fi; source \"$SCRIPT\" || exit 9"
                        + "; fn=$(complete -p ssewatch | sed -E 's/.*-F ([^ ]+).*/\\1/')"
                        + "; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}"
                        + "; \"$fn\" ssewatch \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null"
                        + "; printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash"));
        cmd.addAll(List.of(words));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("..").toAbsolutePath().normalize().toFile());
        pb.environment().put("SCRIPT", SCRIPT.toAbsolutePath().toString());
        pb.environment().put("BASH_COMPLETION", bashCompletion ? BASH_COMPLETION.toString() : "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "with bash-completion: {0}")
    @ValueSource(booleans = {false, true})
    void afterDoubleDashTheCommandsNameCompletesAsACommandOrAPath(boolean bashCompletion) throws Exception {
        assertEquals(List.of("share/examples"), complete(bashCompletion, "ssewatch", "--", "share/ex"));
        assertTrue(complete(bashCompletion, "ssewatch", "--", "ech").contains("echo"));
        assertTrue(complete(bashCompletion, "ssewatch", "-q", "--title", "x", "--", "ech").contains("echo"));
    }

    @ParameterizedTest(name = "with bash-completion: {0}")
    @ValueSource(booleans = {false, true})
    void withoutDoubleDashTheFirstPositionalWordIsTheCommandsName(boolean bashCompletion) throws Exception {
        List<String> ech = complete(bashCompletion, "ssewatch", "ech");
        assertTrue(ech.contains("echo"), ech.toString());
        assertEquals(List.of("share/examples"), complete(bashCompletion, "ssewatch", "--port", "0", "share/ex"));
        assertTrue(complete(bashCompletion, "ssewatch", "gen").contains("generate-completion"), "the subcommand is still offered");
    }

    @ParameterizedTest(name = "with bash-completion: {0}")
    @ValueSource(booleans = {false, true})
    void theCommandsArgumentsCompleteAsTheCommandsNotAsSsewatchs(boolean bashCompletion) throws Exception {
        assertEquals(List.of("share/examples"), complete(bashCompletion, "ssewatch", "--title", "x", "ls", "share/ex"));
        assertEquals(List.of("share/examples"), complete(bashCompletion, "ssewatch", "--title", "=", "x", "ls", "share/ex"),
                "--title=x, which bash splits at =");
        assertTrue(complete(bashCompletion, "ssewatch", "ls", "sh").contains("share"));
        assertEquals(List.of("share/examples/long-task.sh"),
                complete(bashCompletion, "ssewatch", "--", "cat", "-n", "share/examples/long"));
        List<String> dash = complete(bashCompletion, "ssewatch", "--title", "x", "ls", "-");
        assertFalse(dash.contains("--linger") || dash.contains("--title"), "ssewatch's options offered for ls: " + dash);
        if (bashCompletion) {
            assertTrue(dash.contains("--all"), "bash-completion completes ls's options: " + dash);
        }
        assertFalse(complete(bashCompletion, "ssewatch", "make", "gen").contains("generate-completion"));
    }

    @ParameterizedTest(name = "with bash-completion: {0}")
    @ValueSource(booleans = {false, true})
    void beforeTheCommandSsewatchsOwnOptionsAndTheirValuesStillComplete(boolean bashCompletion) throws Exception {
        assertEquals(List.of("--linger"), complete(bashCompletion, "ssewatch", "--ling"));
        assertEquals(List.of("--linger"), complete(bashCompletion, "ssewatch", "-q", "--ling"));
        assertEquals(List.of("share"), complete(bashCompletion, "ssewatch", "--url-file", "sha"));
        assertEquals(List.of(), complete(bashCompletion, "ssewatch", "--title", "ech"), "the title is no command");
        assertEquals(List.of("--help"), complete(bashCompletion, "ssewatch", "generate-completion", "--he"));
    }

    @ParameterizedTest(name = "with bash-completion: {0}")
    @ValueSource(booleans = {false, true})
    void emitIsOfferedAndItsWordsAreItsOwnNotACommandsAndTheMaskOptionsTakeAValue(boolean bashCompletion) throws Exception {
        assertTrue(complete(bashCompletion, "ssewatch", "emi").contains("emit"), "the subcommand is offered");
        assertEquals(List.of("--help"), complete(bashCompletion, "ssewatch", "emit", "--he"));
        assertEquals(List.of("share/examples"), complete(bashCompletion, "ssewatch", "--mask", "x", "share/ex"),
                "the word after --mask is its value, the one after it the command");
        assertTrue(complete(bashCompletion, "ssewatch", "--mask-env", "X", "--no-mark").contains("--no-markup"));
    }
}
