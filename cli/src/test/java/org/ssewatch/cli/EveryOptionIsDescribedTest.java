package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * --help, the man page and the completion script are all generated from the command's
 * definition, so a missing description would be missing everywhere: the build fails instead.
 */
class EveryOptionIsDescribedTest {
    private final CommandLine commandLine = SsewatchCommand.commandLine(new SsewatchCommand());

    @Test
    void everyOptionAndParameterOfEveryCommandHasADescription() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(commandLine.getCommandSpec(), undescribed);
        assertEquals(List.of(), undescribed, "options and parameters without a description");
    }

    @Test
    void theCommandAndItsSubcommandsAreDescribed() {
        CommandSpec root = commandLine.getCommandSpec();
        assertTrue(describes(root.usageMessage().header()) && describes(root.usageMessage().description()),
                "ssewatch needs a header (the man page's NAME) and a description");
        root.subcommands().forEach((name, sub) -> assertTrue(
                describes(sub.getCommandSpec().usageMessage().description())
                        || describes(sub.getCommandSpec().usageMessage().header()),
                "subcommand " + name + " has no description"));
    }

    @Test
    void everyExitCodeLineOfExitCodesIsInTheUsageHelp() throws IllegalAccessException {
        String help = normalized(commandLine.getUsageMessage(Ansi.OFF));
        List<String> lines = exitCodeLines();
        assertTrue(lines.size() >= 7, "found the exit code lines: " + lines);
        for (String line : lines) {
            String code = line.substring(0, line.indexOf(':'));
            String meaning = line.substring(line.indexOf(':') + 1);
            assertTrue(help.contains(code + " " + normalized(meaning)),
                    "--help should list exit code " + code + " as \"" + meaning + "\"");
        }
    }

    @Test
    void everyExitStatusTheCodeReturnsHasALineInTheHelp() throws IllegalAccessException {
        List<String> codes = commandLine.getCommandSpec().usageMessage().exitCodeList().keySet().stream()
                .map(String::strip).toList();
        for (Field field : ExitCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                String value = String.valueOf(field.getInt(null));
                assertTrue(codes.stream().anyMatch(c -> c.equals(value) || c.startsWith(value + "+")),
                        "ExitCodes." + field.getName() + " (" + value + ") has no line in exitCodeList " + codes);
            }
        }
    }

    private static void collectUndescribed(CommandSpec spec, List<String> undescribed) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (!arg.hidden() && !describes(arg.description())) {
                undescribed.add(spec.qualifiedName() + " " + name(arg));
            }
        }
        spec.subcommands().values().forEach(sub -> collectUndescribed(sub.getCommandSpec(), undescribed));
    }

    private static String name(ArgSpec arg) {
        return arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
    }

    private static boolean describes(String[] lines) {
        return Arrays.stream(lines).anyMatch(line -> !line.isBlank());
    }

    /** Every "CODE:meaning" line in ExitCodes, found by reflection so that a new one is checked too. */
    private static List<String> exitCodeLines() throws IllegalAccessException {
        List<String> lines = new ArrayList<>();
        for (Field field : ExitCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                if (value.matches("[^:%\\s]+:.+")) {
                    lines.add(value);
                }
            }
        }
        return lines;
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
