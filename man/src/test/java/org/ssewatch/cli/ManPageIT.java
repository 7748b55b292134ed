package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The built ssewatch(1), rendered by man and groff as a reader would see it. */
class ManPageIT {
    private static final Path MAN_PAGE = Path.of("target", "man", "ssewatch.1");
    private static final Path HTML = Path.of("target", "html", "ssewatch.html");
    private static final List<String> SECTIONS = List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS",
            "EXIT STATUS", "ENVIRONMENT", "EXAMPLES", "SEE ALSO");

    private final CommandSpec spec = SsewatchCommand.commandLine(new SsewatchCommand()).getCommandSpec();

    @Test
    void manRendersThePageWithoutWarnings() throws Exception {
        Rendered page = man();

        assertEquals(0, page.status, page.err);
        assertEquals("", page.err.strip(), "man --warnings printed warnings");
    }

    @Test
    void groffFindsNothingToWarnAbout() throws Exception {
        assumeTrue(onPath("groff"), "groff is not installed");
        Rendered check = run(List.of("groff", "-man", "-ww", "-z", MAN_PAGE.toString()));

        assertEquals(0, check.status, check.err);
        assertEquals("", check.err.strip(), "groff -ww printed warnings");
    }

    @Test
    void everySectionIsThereInOrder() throws Exception {
        List<String> headings = man().out.lines().filter(l -> l.matches("[A-Z][A-Z ]+")).toList();

        List<String> wanted = new ArrayList<>(headings);
        wanted.retainAll(SECTIONS);
        assertEquals(SECTIONS, wanted, "section headings: " + headings);
    }

    @Test
    void everyOptionIsDescribedInOptions() throws Exception {
        String options = section(man().out, "OPTIONS");
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                assertTrue(options.contains(name), "OPTIONS should show " + name);
            }
            String firstWords = option.description()[0].split("[.;:(]")[0].replace("'", "’");
            assertTrue(normalized(options).contains(normalized(firstWords)),
                    "OPTIONS should describe " + option.longestName() + " as \"" + firstWords + "\"");
        }
        assertTrue(normalized(section(man().out, "ARGUMENTS")).contains("Put -- before it"),
                "a lone -- stays two hyphens, not an em dash");
    }

    @Test
    void everyExitCodeOfTheHelpIsInExitStatus() throws Exception {
        String exitStatus = section(man().out, "EXIT STATUS");
        for (String code : spec.usageMessage().exitCodeList().keySet()) {
            assertTrue(exitStatus.contains("       " + code.strip() + "\n"), "EXIT STATUS should list " + code);
        }
    }

    @Test
    void environmentNamesEveryVariableAndWhatItStandsFor() throws Exception {
        String environment = section(man().out, "ENVIRONMENT");
        for (Map.Entry<String, String> e : EnvironmentDefaults.VARIABLES.entrySet()) {
            assertTrue(environment.contains(e.getValue()), "ENVIRONMENT should list " + e.getValue());
            assertTrue(environment.contains(e.getKey()), "ENVIRONMENT should say " + e.getValue() + " is for " + e.getKey());
        }
        assertTrue(environment.contains("NO_COLOR"), "ENVIRONMENT should explain NO_COLOR");
        assertTrue(environment.contains("PYTHONUNBUFFERED"), "ENVIRONMENT should explain PYTHONUNBUFFERED");
    }

    @Test
    void emitIsACommandWithItsExitStatusesAndSsewatchEventsIsInTheEnvironment() throws Exception {
        String commands = normalized(section(man().out, "COMMANDS"));
        assertTrue(commands.contains("emit TYPE [JSON]"), commands);
        for (String said : new String[] {"Exit status 0 when sent, 2 when refused", "3 when not run under ssewatch",
            "at most 4096 bytes"}) {
            assertTrue(commands.contains(said), "COMMANDS should say " + said + ": " + commands);
        }
        assertTrue(section(man().out, "ENVIRONMENT").contains("SSEWATCH_EVENTS"), "ENVIRONMENT should explain SSEWATCH_EVENTS");
        assertTrue(normalized(section(man().out, "DESCRIPTION")).contains("--no-markup shows them as text"),
                "DESCRIPTION should tell of the markup");
    }

    @Test
    void serveIsACommandWithItsOptionsLimitsAndExitStatus() throws Exception {
        String commands = normalized(section(man().out, "COMMANDS"));
        for (String said : new String[] {"serve --jobs FILE --data DIR [OPTIONS]", "--operators FILE", "--max-running N",
            "--keep DURATION", "--keep-runs N", "nobody can start a job from the web", "shown as interrupted",
            "FILE:LINE:COLUMN lines on standard error and status 2", "refused with 409", "429"}) {
            assertTrue(commands.contains(said), "COMMANDS should say " + said + ": " + commands);
        }
        assertTrue(normalized(section(man().out, "SYNOPSIS")).contains("ssewatch serve --jobs FILE --data DIR [OPTIONS]"));
    }

    @Test
    void theHtmlVersionHasTheSameSectionsAndOptions() throws IOException {
        assertTrue(Files.isRegularFile(HTML), HTML + " was not built");
        String html = Files.readString(HTML, StandardCharsets.UTF_8);
        for (String section : SECTIONS) {
            assertTrue(html.toUpperCase().contains(">" + section + "</H2>"), "the HTML should have " + section);
        }
        for (OptionSpec option : spec.options()) {
            assertTrue(html.contains(option.longestName()), "the HTML should show " + option.longestName());
        }
    }

    /**
     * The CI example, run as a CI step would: the URL is posted while the command still runs (the
     * command waits for the post), and the step ends with the command's status.
     */
    @Test
    void theCiExamplePostsTheUrlWhileTheCommandRunsAndEndsWithItsStatus(@TempDir Path dir) throws Exception {
        Path jar = Path.of("..", "cli", "target", "ssewatch.jar").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar), "needs the shaded jar: run mvn verify, not only the tests");
        String adoc = Files.readString(Path.of("src", "docs", "man", "ssewatch.adoc"), StandardCharsets.UTF_8);
        String tagged = adoc.substring(adoc.indexOf("// tag::ci-example[]"), adoc.indexOf("// end::ci-example[]"));
        String script = tagged.substring(tagged.indexOf("....\n") + 5, tagged.lastIndexOf("...."));
        assertTrue(man().out.contains(script.lines().findFirst().orElseThrow()), "the example is in the man page");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("ssewatch"), "#!/bin/sh\nexec '" + javaCommand() + "' -jar '" + jar + "' \"$@\"\n");
        executable(dir.resolve("build.sh"), "#!/bin/sh\n"
                + "i=0; while [ ! -s posted ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "if [ -s posted ]; then exit 3; else exit 99; fi\n");
        executable(dir.resolve("post-to-chat.sh"), "#!/bin/sh\necho \"$1\" > posted.tmp && mv posted.tmp posted\n");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        pb.environment().put("SSEWATCH_BIND", "127.0.0.1");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the example did not finish: " + out);

        assertEquals(3, p.exitValue(), "the command's status (99: the URL was not posted while it ran): " + out);
        assertTrue(Files.readString(dir.resolve("posted")).startsWith("http://127.0.0.1:"), out);
    }

    @Test
    void theLingerExamplesCommentStandsApartFromItsCommand() throws Exception {
        String examples = section(man().out, "EXAMPLES");
        assertTrue(examples.matches("(?s).*ssewatch --linger 10m -- \\./nightly\\.sh {2,}serve the page.*"), examples);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Rendered rendered;

    /** The page as man shows it, rendered once: man takes about a second. */
    private static synchronized Rendered man() throws IOException, InterruptedException {
        assumeTrue(onPath("man"), "man is not installed");
        assertTrue(Files.isRegularFile(MAN_PAGE), MAN_PAGE + " was not built");
        if (rendered == null) {
            rendered = run(List.of("man", "--warnings", "-l", MAN_PAGE.toString()));
        }
        return rendered;
    }

    /** The text from a heading at the start of a line to the next one. */
    private static String section(String page, String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        int body = start + heading.length() + 2;
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n[A-Z][A-Z ]+\n").matcher(page);
        int end = next.find(body) ? next.start() : page.length();
        return page.substring(body, end);
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Rendered run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("MANWIDTH", "80");
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("PAGER", "cat");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().remove("LC_ALL");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Rendered(p.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Rendered(int status, String out, String err) {
    }
}
