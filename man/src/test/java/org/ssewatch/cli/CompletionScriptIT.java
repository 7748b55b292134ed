package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/** The completion script the build writes for packagers to install. */
class CompletionScriptIT {
    private static final Path SCRIPT = Path.of("target", "completion", "ssewatch.bash");

    @Test
    void theBuildWritesWhatGenerateCompletionPrints() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " was not built");

        String expected = AutoComplete.bash("ssewatch", SsewatchCommand.commandLine(new SsewatchCommand()));
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
}
