package org.ssewatch.share.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile parameter values through a real process: the job's program is a script that prints its
 * arguments NUL-separated, so the test sees exactly the argv the kernel handed it, and the job's
 * directory shows whether anything in a value ran.
 */
@Timeout(60)
class ArgvIT {
    @TempDir
    Path dir;

    private static final List<String> HOSTILE = List.of("; rm -rf x", "$(touch pwned)", "`touch pwned`", "a\nb; touch pwned",
            "--option", "-rf", "'\"quotes\"'", "* ?", "$HOME", "|| touch pwned &", "{tag}", "{{", "");

    @Test
    void hostileValuesArriveAsLiteralArgvAndNothingRuns() throws Exception {
        Path printer = dir.resolve("print-argv");
        Files.writeString(printer, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\000' \"$a\"; done\n");
        Files.setPosixFilePermissions(printer, PosixFilePermissions.fromString("rwx------"));
        Path victim = Files.writeString(dir.resolve("x"), "still here");
        Path file = dir.resolve("jobs.yaml");
        Files.writeString(file, """
                jobs:
                  echo:
                    command: ["./print-argv", "{value}", "--value={value}", "prefix {value} suffix"]
                    params:
                      value: {type: string}
                """);
        Job job = Jobs.load(file).job("echo").orElseThrow();
        for (String value : HOSTILE) {
            Invocation run = job.invoke(Map.of("value", value));
            assertEquals(List.of(value, "--value=" + value, "prefix " + value + " suffix"), argvOf(run), value);
        }
        assertFalse(Files.exists(dir.resolve("pwned")), "no value was run as a command");
        assertTrue(Files.exists(victim), "no value was run as a command");
    }

    /** Runs the invocation as the server will, with ProcessBuilder and no shell, and reads back its argv. */
    private static List<String> argvOf(Invocation run) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(run.argv()).directory(run.dir().toFile()).redirectErrorStream(true);
        pb.environment().putAll(run.env());
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.endsWith("\0"), printed);
        return Arrays.asList(printed.substring(0, printed.length() - 1).split("\0", -1));
    }
}
