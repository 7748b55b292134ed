package org.ssewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes, at build time, everything of the man page and the shell completion that comes from the
 * command's definition: picocli's AsciiDoc (options, defaults, exit codes, examples), the
 * ENVIRONMENT entries from {@link EnvironmentDefaults#VARIABLES}, and the bash completion script.
 * The hand-written template {@code src/docs/man/ssewatch.adoc} includes them by tag.
 *
 * <p>It sits in the cli's package so that it can read the package-private command; the man module
 * is a build step and is never shipped.
 */
public final class ManPageSources {
    private static final Pattern LONE_DOUBLE_DASH = Pattern.compile("(^|\\s)--(?=\\s|$)");

    private ManPageSources() {
    }

    /** Arguments: the directory for the AsciiDoc, and the file for the completion script. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPageSources ADOC_DIR COMPLETION_FILE");
        }
        Path adocDir = Path.of(args[0]);
        Path completion = Path.of(args[1]);
        Files.createDirectories(adocDir);
        Files.createDirectories(completion.toAbsolutePath().getParent());

        CommandLine cl = SsewatchCommand.commandLine(new SsewatchCommand());
        CommandSpec spec = cl.getCommandSpec();
        // --help ends its headings with a colon; a man page's section titles do not.
        spec.usageMessage().exitCodeListHeading("Exit status").footerHeading("Examples");
        int status = ManPageGenerator.generateManPage(adocDir.toFile(), null, new boolean[0], true, spec);
        if (status != 0) {
            throw new IllegalStateException("ManPageGenerator failed with exit status " + status);
        }
        keepDoubleDashes(adocDir.resolve(spec.name() + ".adoc"));
        writeEnvironment(spec, adocDir.resolve("environment.adoc"));
        Files.writeString(completion, CompletionCommand.script(cl), StandardCharsets.UTF_8);
    }

    /**
     * AsciiDoc turns a lone {@code --} in prose into an em dash, as in the description of COMMAND
     * ("put -- before it"); escaped, it stays the end-of-options marker. The examples are a
     * literal block, where nothing is replaced, so they are left alone.
     */
    private static void keepDoubleDashes(Path adoc) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean literal = false;
        for (String line : Files.readAllLines(adoc, StandardCharsets.UTF_8)) {
            if (line.contains("tag::picocli-generated-man-section-footer[]")) {
                literal = !line.contains("end::");
            }
            lines.add(literal ? line : LONE_DOUBLE_DASH.matcher(line).replaceAll("$1\\\\--"));
        }
        Files.write(adoc, lines, StandardCharsets.UTF_8);
    }

    /** One entry per SSEWATCH_* variable, in the order of the options they stand in for. */
    private static void writeEnvironment(CommandSpec spec, Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("// Generated from EnvironmentDefaults.VARIABLES by ManPageSources: do not edit.");
            out.println("// tag::variables[]");
            int found = 0;
            for (OptionSpec option : spec.options()) {
                String variable = EnvironmentDefaults.VARIABLES.get(option.longestName());
                if (variable != null) {
                    out.printf("*%s*::%n  The default for *%s*=_%s_, for when the option is not given.%n%n",
                            variable, option.longestName(), option.paramLabel());
                    found++;
                }
            }
            out.println("// end::variables[]");
            if (found != EnvironmentDefaults.VARIABLES.size()) {
                throw new IllegalStateException("EnvironmentDefaults names an option the command does not have: "
                        + EnvironmentDefaults.VARIABLES);
            }
        }
    }
}
