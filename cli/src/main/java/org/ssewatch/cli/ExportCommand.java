package org.ssewatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.ssewatch.share.SavedRun;
import org.ssewatch.web.lines.HtmlExport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ssewatch export DIR --html FILE}: a run saved with {@code --save} as the same
 * self-contained page that {@code export.html} serves, for attaching to a ticket. The file
 * appears whole or not at all: it is written beside its name and renamed into place.
 */
final class ExportCommand implements Callable<Integer> {
    static final String NAME = "export";
    static final String WRITTEN_LINE = "0:The file was written.";
    static final String WRITE_FAILED_LINE = ExitCodes.FAILED + ":The file could not be written (one line says why).";

    private final Console console;
    private CommandSpec spec;

    private ExportCommand(Console console) {
        this.console = console;
    }

    /** The subcommand's description; {@code console} is null for picocli's tools, which only read it. */
    static CommandSpec spec(Console console) {
        ExportCommand command = new ExportCommand(console);
        CommandSpec spec = SubcommandSpec.of(command, NAME,
                "Write a run saved with --save as one self-contained HTML file.",
                "@|bold ssewatch export|@ DIR --html FILE",
                "Writes the run that 'ssewatch --save DIR' kept as the page a viewer downloads as "
                        + "export.html: every line with its number and colours, gaps said where they are, and how the run "
                        + "ended. It opens offline, from a file or an attachment, with no request to anywhere. "
                        + "FILE - writes it to standard output.",
                WRITTEN_LINE, ShowCommand.NOT_A_RUN_LINE, WRITE_FAILED_LINE);
        command.spec = spec;
        spec.addOption(OptionSpec.builder("--html").paramLabel("FILE").type(Path.class).required(true)
                .description("Where to write the page; - for standard output.").build());
        SubcommandSpec.addHelp(spec);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("DIR").arity("1").type(Path.class)
                .description("A directory that 'ssewatch --save DIR' wrote.").build());
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        Path dir = spec.positionalParameters().get(0).getValue();
        Path file = spec.findOption("--html").getValue();
        SavedRun run;
        try {
            run = SavedRun.open(dir, console::say);
        } catch (IOException e) {
            throw CliException.usage("cannot export " + dir + ": " + e.getMessage());
        }
        try (run) {
            HtmlExport export = new HtmlExport(run.journal(), run.lineIndex());
            if (file.toString().equals("-")) {
                OutputStream out = console.out();
                export.write(out);
                out.flush();
            } else {
                writeWhole(export, file);
            }
            return 0;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeWhole(HtmlExport export, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                export.write(out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
