package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The completion script, from the real jar, loaded into a real bash. */
class CompletionIT {
    private static final Path JAR = Path.of("target", "ssewatch.jar");

    @Test
    void sourcingTheGeneratedScriptRegistersACompletionForSsewatch() throws Exception {
        String out = bash("source <(\"$JAVA\" -jar \"$JAR\" generate-completion) && complete -p ssewatch");

        assertTrue(out.startsWith("complete ") && out.contains("-F ") && out.strip().endsWith(" ssewatch"), out);
    }

    @Test
    void theRegisteredFunctionCompletesALongOption() throws Exception {
        // Called by hand, the function's compopt complains on stderr that no completion is running.
        String out = bash("source <(\"$JAVA\" -jar \"$JAR\" generate-completion)"
                + " && fn=$(complete -p ssewatch | sed -E 's/.*-F ([^ ]+).*/\\1/')"
                + " && COMP_WORDS=(ssewatch --tit) && COMP_CWORD=1 && COMP_LINE='ssewatch --tit' && COMP_POINT=14"
                + " && \"$fn\" ssewatch --tit ssewatch 2>/dev/null && printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertEquals("--title", out.strip());
    }

    private static String bash(String script) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), "needs the shaded jar: run mvn verify, not only the tests");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", script);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JAR", JAR.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
