package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateCompletionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console =
            new Console(new ByteArrayInputStream(new byte[0]), out, err, false, false, false);

    @Test
    void generateCompletionPrintsABashScriptThatCompletesSsewatch() {
        int status = Main.run(console, Map.of(), "generate-completion");

        String script = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F"), "registers a completion function");
        assertTrue(script.contains(" ssewatch"), "for the command named ssewatch");
    }

    @Test
    void theScriptOffersEveryOption() {
        Main.run(console, Map.of(), "generate-completion");

        String script = out.toString(StandardCharsets.UTF_8);
        for (String name : SsewatchCommand.commandLine(new SsewatchCommand()).getCommandSpec().optionsMap().keySet()) {
            assertTrue(script.contains(name), "the completion script should offer " + name);
        }
    }

    @Test
    void theScriptIsTheOneTheBuildWritesForPackagers() {
        Main.run(console, Map.of(), "generate-completion");

        String expected = CompletionCommand.script(SsewatchCommand.commandLine(new SsewatchCommand()));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void itsHelpSaysHowToInstallTheScript() {
        int status = Main.run(console, Map.of(), "generate-completion", "--help");

        String help = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertTrue(help.startsWith("Usage: ssewatch generate-completion [-hV]"), help);
        assertTrue(help.contains("source <(ssewatch generate-completion)"), help);
        assertTrue(help.contains("-V, --version"), help);
    }

    @Test
    void itsVersionIsSsewatchs() {
        int status = Main.run(console, Map.of(), "generate-completion", "-V");

        assertEquals(0, status);
        assertEquals(Version.number(), out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("").replace("ssewatch ", ""));
    }

    @Test
    void ssewatchsHelpListsIt() {
        Main.run(console, Map.of(), "--help");

        assertTrue(out.toString(StandardCharsets.UTF_8).contains("generate-completion  Generate bash/zsh completion script"));
    }
}
