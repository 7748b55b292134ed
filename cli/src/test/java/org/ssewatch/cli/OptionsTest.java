package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class OptionsTest {
    private final CommandLine commandLine = SsewatchCommand.commandLine(new SsewatchCommand());
    private final CommandSpec spec = commandLine.getCommandSpec();

    @Test
    void everyHandleInOptionsIsAnOptionOfTheCommand() throws IllegalAccessException {
        int handles = 0;
        for (Field field : Options.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Opt.class) {
                Opt<?> option = (Opt<?>) field.get(null);
                assertNotNull(spec.findOption(option.name()), "Options." + field.getName() + " is not in the command");
                handles++;
            }
        }
        assertEquals(spec.options().size(), handles, "options without a handle");
    }

    @Test
    void aHandleReadsTheGivenValueElseTheDefaultAsItsType() {
        commandLine.parseArgs("--max-line", "1K", "--linger", "10m", "-q", "--", "make");
        long maxLine = Options.MAX_LINE.get(spec);
        Duration linger = Options.LINGER.get(spec);
        assertEquals(1024, maxLine);
        assertEquals(Duration.ofMinutes(10), linger);
        assertTrue(Options.QUIET.get(spec));
        assertFalse(Options.PTY.get(spec));
        assertEquals(Duration.ofSeconds(5), Options.KILL_AFTER.get(spec));
        assertEquals(List.of("make"), Options.command(spec));
    }

    @Test
    void eachCommandLineHasItsOwnValues() {
        commandLine.parseArgs("--port", "8123", "--", "true");
        CommandLine other = SsewatchCommand.commandLine(new SsewatchCommand());
        other.parseArgs("--", "true");
        assertEquals(8123, Options.PORT.get(spec));
        assertEquals(0, Options.PORT.get(other.getCommandSpec()));
    }

    @Test
    void aHandleAskedOfAnotherCommandSaysWhichOptionItLacks() {
        CommandSpec completion = spec.subcommands().get(CompletionCommand.NAME).getCommandSpec();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Options.TOKEN.get(completion));
        assertTrue(e.getMessage().contains("--token"), e.getMessage());
    }
}
