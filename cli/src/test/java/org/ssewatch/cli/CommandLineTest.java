package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a black box, in-process: arguments and environment in, status and text out. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console(boolean stdinIsTerminal, boolean stderrIsTerminal) {
        return new Console(new ByteArrayInputStream(new byte[0]), out, err, stdinIsTerminal, stderrIsTerminal, false);
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(console(true, false), env, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Settings settings(Map<String, String> env, boolean stderrIsTerminal, String... args) throws CliException {
        CommandLine cl = Main.commandLine(console(true, stderrIsTerminal), env);
        cl.parseArgs(args);
        return ((SsewatchCommand) cl.getCommand()).settings();
    }

    /** How the command of a command-mode run is to be run. */
    private static org.ssewatch.share.RunConfig run(Settings s) {
        return ((Source.Command) s.source()).run();
    }

    @Test
    void helpListsEveryOptionAndTheExitStatusTable() {
        assertEquals(0, run(Map.of(), "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String s : new String[] {"--port", "--linger", "--pty", "--token", "--tls-self-signed", "Exit status:",
            "127", "126", "125", "128+N", "SSEWATCH_PORT", "Examples:"}) {
            assertTrue(help.contains(s), "help lacks " + s);
        }
        for (String name : SsewatchCommand.commandLine(new SsewatchCommand()).getCommandSpec().optionsMap().keySet()) {
            // As a whole name: -q is also a part of --quiet.
            assertTrue(java.util.regex.Pattern.compile("(^|[ ,])" + java.util.regex.Pattern.quote(name) + "([ ,=]|$)",
                    java.util.regex.Pattern.MULTILINE).matcher(help).find(), "help lacks " + name);
        }
        assertEquals("", err());
    }

    @Test
    void versionNamesTheVersion() {
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ssewatch "));
    }

    @Test
    void usageErrorsAreOneLinePlusAHintAndExit2() {
        assertEquals(2, run(Map.of(), "--port", "abc", "--", "true"));
        assertEquals("ssewatch: Invalid value for option '--port': 'abc' is not an int\n"
                + "Try 'ssewatch --help' for more information.\n", err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run(Map.of(), "--frobnicate", "--", "true"));
        assertTrue(err().startsWith("ssewatch: Unknown option: '--frobnicate'"), err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void noCommandWithATerminalOnStdinIsAUsageError() {
        assertEquals(2, run(Map.of()));
        assertEquals("ssewatch: no command to run, and standard input is a terminal (try: ssewatch -- make)\n", err());
    }

    @Test
    void conflictingOptionsAreUsageErrors() {
        assertEquals(2, run(Map.of(), "--tls-cert", "c.pem", "--", "true"));
        assertTrue(err().contains("--tls-cert and --tls-key go together"), err());
    }

    @Test
    void badValuesCaughtByTheConfigRecordsAreUsageErrorsToo() {
        assertEquals(2, run(Map.of(), "--port", "70000", "--", "true"));
        assertTrue(err().contains("port must be from 0 to 65535"), err());
    }

    @Test
    void everythingAfterTheCommandNameBelongsToTheCommand() throws CliException {
        Settings s = settings(Map.of(), false, "make", "-j8", "--port", "9");
        assertEquals(java.util.List.of("make", "-j8", "--port", "9"), run(s).command());
        assertEquals(0, s.server().port());
    }

    @Test
    void withoutACommandTheSourceIsThePipeWithTheSameLineLimitAndTitle() throws CliException {
        CommandLine cl = Main.commandLine(console(false, false), Map.of());
        cl.parseArgs("--max-line", "1K", "--title", "Nightly");
        Settings s = ((SsewatchCommand) cl.getCommand()).settings();
        assertEquals(new Source.Pipe(1024, "Nightly", true, java.util.List.of(), java.util.List.of()), s.source());

        Settings command = settings(Map.of(), false, "--max-line", "1K", "--title", "Nightly", "--", "make");
        assertEquals(1024, run(command).maxLineBytes());
        assertEquals("Nightly", command.source().title());
    }

    @Test
    void environmentVariablesSetDefaultsAndOptionsWin() throws CliException {
        Map<String, String> env = Map.of("SSEWATCH_PORT", "8123", "SSEWATCH_BIND", "127.0.0.1",
                "SSEWATCH_TOKEN", "abcdefghijklmnopqrstuvwxyz", "SSEWATCH_LINGER", "30s");
        Settings s = settings(env, false, "--", "true");
        assertEquals(8123, s.server().port());
        assertEquals("127.0.0.1", s.server().bind());
        assertEquals("abcdefghijklmnopqrstuvwxyz", s.server().token());
        assertEquals(Duration.ofSeconds(30), s.linger());
        assertEquals(9000, settings(env, false, "--port", "9000", "--", "true").server().port());
    }

    @Test
    void withoutOptionsTheJournalAndTheRunGetTheLibrarysDefaults() throws CliException {
        Settings s = settings(Map.of(), false, "--", "make");
        org.ssewatch.share.JournalConfig library = org.ssewatch.share.JournalConfig.defaults();
        assertEquals(library.maxEvents(), s.journal().maxEvents());
        assertEquals(library.maxBytes(), s.journal().maxBytes());
        assertEquals(library.spillMaxBytes(), s.journal().spillMaxBytes());
        assertEquals(org.ssewatch.share.RunConfig.DEFAULT_MAX_LINE_BYTES, s.source().maxLineBytes());
        assertEquals(org.ssewatch.share.RunConfig.DEFAULT_KILL_AFTER, run(s).killAfter());
    }

    @Test
    void lingerDefaultsToForeverAtATerminalAndZeroElsewhere() throws CliException {
        assertEquals(HumanDuration.FOREVER, settings(Map.of(), true, "--", "true").linger());
        assertEquals(Duration.ZERO, settings(Map.of(), false, "--", "true").linger());
    }

    @Test
    void everyRunGetsAFreshUnguessableTokenUnlessToldOtherwise() throws CliException {
        String a = settings(Map.of(), false, "--", "true").server().token();
        String b = settings(Map.of(), false, "--", "true").server().token();
        assertTrue(a.length() >= 22, a);
        assertFalse(a.equals(b));
        assertNull(settings(Map.of(), false, "--no-token", "--", "true").server().token());
    }

    @Test
    void helpIsColouredOnlyWhenTheConsoleAllowsIt() {
        Main.run(new Console(new ByteArrayInputStream(new byte[0]), out, err, true, true, true), Map.of(), "--help");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\u001b["), "no colour on a colour console");
        out.reset();
        Main.run(console(true, true), Map.of(), "--help");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\u001b["), "colour without a colour console");
    }

    @Test
    void noColorTurnsColourOffWhateverTheTerminal() {
        // As the launcher says when stdin, stdout and stderr are all terminals.
        String before = System.getProperty(Terminals.LAUNCHER_SAYS);
        System.setProperty(Terminals.LAUNCHER_SAYS, "012");
        try {
            assertTrue(Console.system(Map.of()).color(), "at a terminal, colour is on");
            assertFalse(Console.system(Map.of("NO_COLOR", "1")).color());
        } finally {
            if (before == null) {
                System.clearProperty(Terminals.LAUNCHER_SAYS);
            } else {
                System.setProperty(Terminals.LAUNCHER_SAYS, before);
            }
        }
    }

    @Test
    void aSpillDirectoryThatCannotBeUsedIsOneLineAndStatus125() {
        assertEquals(125, Main.run(console(true, false), Map.of(), "--bind", "127.0.0.1", "--spill-dir",
                "/proc/self/no-such-dir", "--", "true"));
        assertTrue(err().startsWith("ssewatch: cannot create a spill file in /proc/self/no-such-dir: "), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void aSpillDirectoryThatIsAPlainFileIsAUsageErrorSaidPlainly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createFile(dir.resolve("notes.txt"));
        assertEquals(2, run(Map.of(), "--bind", "127.0.0.1", "--spill-dir", file.toString(), "--", "true"));
        assertEquals("ssewatch: --spill-dir " + file + " is not a directory\n", err());
    }

    @Test
    void helpFitsEightyColumnsWithEveryExampleOnOneLine() {
        int status = run(Map.of(), "--help");

        String help = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, status);
        help.lines().forEach(l -> assertTrue(l.length() <= 80, "longer than 80 columns: " + l));
        java.util.List<String> lines = help.lines().toList();
        String[] examples = SsewatchCommand.commandLine(new SsewatchCommand()).getCommandSpec().usageMessage().footer();
        for (String example : examples) {
            assertTrue(lines.contains(example), "example wrapped: " + example);
        }
        assertTrue(help.contains("\n\nCommands:\n"), "a blank line before the subcommands");
    }

    @Test
    void anExamplesCommentStandsApartFromItsCommandInTheCommentsColumn() {
        assertEquals(0, run(Map.of(), "--help"));
        java.util.List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        int column = commentColumn(lines, "ssewatch -- make -j8", "watch a build");
        assertEquals(column, commentColumn(lines, "ssewatch --linger 10m -- ./nightly.sh", "serve the page"));
        assertEquals(column, commentColumn(lines, "make 2>&1 | ssewatch", "watch a pipe"));
    }

    /** Where {@code comment} begins on the example line of {@code command}, two spaces or more after it. */
    private static int commentColumn(java.util.List<String> help, String command, String comment) {
        String line = help.stream().filter(l -> l.startsWith("  " + command + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no example " + command + " in " + help));
        assertTrue(line.matches(" {2}" + java.util.regex.Pattern.quote(command) + " {2,}" + java.util.regex.Pattern.quote(comment) + ".*"),
                "the comment is not set apart: " + line);
        return line.indexOf(comment);
    }

    @Test
    void aShortTokenIsAOneLineUsageErrorStatingTheRuleTheHelpStates() {
        assertEquals(0, run(Map.of(), "--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(help.contains(org.ssewatch.web.Tokens.RULE), "the help states the rule: " + help);

        for (String token : new String[] {"short", "x".repeat(21), "x".repeat(129), "has/slash".repeat(3)}) {
            err.reset();
            assertEquals(2, run(Map.of(), "--bind", "127.0.0.1", "--token", token, "--", "true"), token);
            assertEquals("ssewatch: --token must be " + org.ssewatch.web.Tokens.RULE + " (got " + token.length()
                    + " characters)\n", err(), token);
        }
        err.reset();
        assertEquals(2, run(Map.of("SSEWATCH_TOKEN", "short"), "--bind", "127.0.0.1", "--", "true"));
        assertTrue(err().startsWith("ssewatch: --token must be "), err());
    }

    @Test
    void aTokenOfTheRulesShortestLengthIsTaken() throws CliException {
        String token = "a.b_c~d-E".repeat(3).substring(0, org.ssewatch.web.Tokens.RECOMMENDED_LENGTH);
        assertEquals(token, settings(Map.of(), false, "--token", token, "--", "true").server().token());
        assertEquals("", err());
    }

    @Test
    void markupIsParsedUnlessNoMarkupAndMasksReachTheRunInCommandAndPipeMode() throws CliException {
        assertTrue(run(settings(Map.of(), false, "--", "make")).markup(), "markup is on by default");
        Map<String, String> env = Map.of("DEPLOY_TOKEN", "s3cr3t-value");
        Settings command = settings(env, false, "--no-markup", "--mask", "ghp_[A-Za-z0-9]+", "--mask", "AKIA[0-9A-Z]{16}",
                "--mask-env", "DEPLOY_TOKEN", "--", "make");
        assertFalse(run(command).markup());
        assertEquals(java.util.List.of("ghp_[A-Za-z0-9]+", "AKIA[0-9A-Z]{16}"), run(command).masks());
        assertEquals(java.util.List.of("DEPLOY_TOKEN"), run(command).maskEnv());

        CommandLine cl = Main.commandLine(console(false, false), env);
        cl.parseArgs("--no-markup", "--mask", "x{3}", "--mask-env", "DEPLOY_TOKEN");
        assertEquals(new Source.Pipe(RunConfigDefaults.MAX_LINE, null, false, java.util.List.of("x{3}"),
                java.util.List.of("DEPLOY_TOKEN")), ((SsewatchCommand) cl.getCommand()).settings().source());
        assertEquals("", err(), "a variable that is set is masked without a word");
    }

    @Test
    void aMaskThatIsNoRegularExpressionOrMatchesNothingAtAllIsOneLineNamingTheOptionAndExit2() {
        assertEquals(2, run(Map.of(), "--bind", "127.0.0.1", "--mask", "(unclosed", "--", "true"));
        assertEquals("ssewatch: --mask: not a regular expression: (unclosed (Unclosed group)\n", err());
        err.reset();
        assertEquals(2, run(Map.of(), "--bind", "127.0.0.1", "--mask", "a*", "--", "true"));
        assertEquals("ssewatch: --mask: a mask must not match the empty string: a*\n", err());
    }

    @Test
    void aMaskEnvVariableThatIsUnsetOrEmptyIsOneWarningAndTheRunGoesOn() throws CliException {
        Settings s = settings(Map.of("EMPTY_ONE", ""), false, "--mask-env", "NOT_SET_ANYWHERE", "--mask-env", "EMPTY_ONE",
                "--", "make");
        assertEquals(java.util.List.of("NOT_SET_ANYWHERE", "EMPTY_ONE"), run(s).maskEnv());
        assertEquals("ssewatch: --mask-env NOT_SET_ANYWHERE: the variable is not set, so there is nothing to mask for it\n"
                + "ssewatch: --mask-env EMPTY_ONE: the variable is empty, so there is nothing to mask for it\n", err());
    }

    @Test
    void emitsHelpNamesItsExitStatusesAndAnEmitWithoutTypeIsAUsageError() {
        assertEquals(0, run(Map.of(), "emit", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String s : new String[] {"TYPE", "JSON", "0 The event was delivered.", "2 The event was refused",
            "3 Not run under ssewatch", "ssewatch emit progress '{\"done\":40,\"total\":100}'"}) {
            assertTrue(help.replaceAll("\\s+", " ").contains(s), "emit --help lacks " + s + ":\n" + help);
        }
        assertEquals(2, run(Map.of(), "emit"));
        assertTrue(err().startsWith("ssewatch: Missing required parameter: 'TYPE'"), err());
    }

    @Test
    void emitOutsideSsewatchSaysSoWithStatus3() {
        assertEquals(3, run(Map.of(), "emit", "status", "{\"text\":\"x\"}"));
        assertEquals("ssewatch: emit: not run under ssewatch (SSEWATCH_EVENTS is not set)\n", err());
    }

    @Test
    void showAndExportTakeTheirOptionsBeforeOrAfterDir() {
        CommandLine cl = Main.commandLine(console(true, false), Map.of());
        CommandLine.ParseResult show = cl.parseArgs("show", "runs/nightly", "--port", "8080").subcommand();
        assertEquals(java.nio.file.Path.of("runs/nightly"), show.matchedPositional(0).getValue());
        assertEquals(8080, (int) show.matchedOptionValue("--port", 0));
        CommandLine.ParseResult export = Main.commandLine(console(true, false), Map.of())
                .parseArgs("export", "runs/nightly", "--html", "x.html").subcommand();
        assertEquals(java.nio.file.Path.of("x.html"), export.matchedOptionValue("--html", null));
        assertEquals(2, run(Map.of(), "export", "runs/nightly"));
        assertTrue(err().startsWith("ssewatch: Missing required option: '--html=FILE'"), err());
    }

    /** What the command line gives the pipe when nothing is said. */
    private static final class RunConfigDefaults {
        static final int MAX_LINE = org.ssewatch.share.RunConfig.DEFAULT_MAX_LINE_BYTES;
    }
}
