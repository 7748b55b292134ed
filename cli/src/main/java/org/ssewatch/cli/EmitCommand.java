package org.ssewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssewatch.share.CommandEvent;
import org.ssewatch.share.CommandRunner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code ssewatch emit TYPE [JSON]}: sends one typed event to the run this process is under,
 * through the FIFO that {@code SSEWATCH_EVENTS} names. The launcher script does the same in bash
 * without starting Java (a JVM costs ~300 ms, and scripts call this in loops); this is the path of
 * {@code java -jar ssewatch.jar emit}, and of {@code --help} and the man page. It checks the event
 * fully (Gson, {@link CommandEvent}), so whatever it accepts ssewatch accepts too.
 */
final class EmitCommand implements Callable<Integer> {
    static final String NAME = "emit";
    /** The event is refused: what is wrong is said in one line. */
    static final int REFUSED = ExitCodes.USAGE;
    /** Not run under ssewatch, or its run has ended. */
    static final int NOT_WATCHED = 3;

    private final Map<String, String> env;
    private CommandSpec spec;

    private EmitCommand(Map<String, String> env) {
        this.env = env;
    }

    static CommandSpec spec(Map<String, String> env) {
        EmitCommand command = new EmitCommand(env);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(NAME).versionProvider(new Version());
        spec.usageMessage()
                .header("Send a typed event to the ssewatch run this command is under.")
                .description("Writes {\"type\":TYPE,\"data\":JSON} to the FIFO that " + CommandRunner.EVENTS_VARIABLE
                        + " names, as one line: viewers get an event of type TYPE with JSON as its data. "
                        + "progress ({\"done\":40,\"total\":100}, optional \"unit\" and \"text\") and status "
                        + "({\"text\":\"...\"}) are shown by the page; any other type is passed on as it is. "
                        + "TYPE is 1 to 64 of A-Z a-z 0-9 _ . - and not one of ssewatch's own (start, stdout, "
                        + "stderr, stdin, exit, gap, group, annotation); the whole line is at most "
                        + CommandEvent.MAX_LINE_BYTES + " bytes.")
                .optionListHeading("%nOptions:%n")
                .parameterListHeading("%nArguments:%n")
                .exitCodeListHeading(ExitCodes.HEADING)
                .exitCodeList(UsageMessageSpec.keyValuesMap(
                        "0:The event was delivered.",
                        REFUSED + ":The event was refused (a bad TYPE or JSON, over the size cap), or a usage error.",
                        NOT_WATCHED + ":Not run under ssewatch: " + CommandRunner.EVENTS_VARIABLE
                                + " is not set, or its run has ended.",
                        ExitCodes.FAILED + ":The event could not be written."))
                .footerHeading("%nExamples:%n")
                .footer("  ssewatch emit progress '{\"done\":40,\"total\":100}'",
                        "  ssewatch emit status '{\"text\":\"migrating users\"}'",
                        "  ssewatch emit deploy-step '{\"step\":\"migrate\"}'");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("TYPE").type(String.class)
                .description("The event's type, e.g. progress, status or a name of your own.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").arity("0..1").paramLabel("JSON").type(String.class)
                .defaultValue("{}").description("The event's data, a JSON object. Default: {}.").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        String type = spec.positionalParameters().get(0).getValue();
        String json = spec.positionalParameters().get(1).getValue();
        CommandEvent event;
        try {
            event = CommandEvent.of(type, json);
        } catch (IllegalArgumentException e) {
            throw new CliException(REFUSED, "emit: refused: " + e.getMessage());
        }
        String where = env.get(CommandRunner.EVENTS_VARIABLE);
        if (where == null || where.isEmpty()) {
            throw new CliException(NOT_WATCHED, "emit: not run under ssewatch (" + CommandRunner.EVENTS_VARIABLE + " is not set)");
        }
        Path fifo = Path.of(where);
        if (!Files.exists(fifo)) {
            throw new CliException(NOT_WATCHED, "emit: not run under ssewatch: " + where + " is gone, so its run has ended");
        }
        if (!isFifo(fifo)) {
            throw new CliException(NOT_WATCHED, "emit: not run under ssewatch: " + where + " is not ssewatch's FIFO");
        }
        try {
            FifoWriter.write(fifo, event.line());
        } catch (FifoWriter.NoReaderException e) {
            throw new CliException(NOT_WATCHED, "emit: not run under ssewatch: nothing reads " + where + ", so its run has ended");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "emit: cannot write to " + where + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.flush();
        return 0;
    }

    private static boolean isFifo(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return (mode & 0170000) == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
