package org.ssewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ssewatch generate-completion}: prints picocli's bash/zsh completion script for ssewatch.
 * It does what picocli's {@code AutoComplete.GenerateCompletion} does, but is described through
 * picocli's programmatic API: that class is annotated, and reflecting over it cost ~30 ms at every
 * start of ssewatch, for a command run once per install.
 */
final class CompletionCommand implements Callable<Integer> {
    static final String NAME = "generate-completion";

    private CommandSpec spec;

    private CompletionCommand() {
    }

    static CommandSpec spec() {
        CompletionCommand command = new CompletionCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(NAME).helpCommand(true).versionProvider(new Version());
        spec.usageMessage()
                .description(
                        "Generate bash/zsh completion script for ssewatch.",
                        "Run the following command to give `ssewatch` TAB completion in the current shell:",
                        "",
                        "  source <(ssewatch " + NAME + ")",
                        "")
                .optionListHeading("Options:%n");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        PrintWriter out = spec.commandLine().getOut();
        // As the build writes it for packagers (it ends with a newline); print, not println: a
        // script with Windows line ends fails in strange ways.
        out.print(script(root.commandLine()));
        out.flush();
        return 0;
    }

    /**
     * picocli's script, registered through a function of ssewatch's own (command-completion.bash):
     * picocli completes every positional word as an argument of ssewatch's, but from the command's
     * name on the words are the command's, to complete as bash completes them after sudo.
     */
    static String script(CommandLine root) {
        String name = root.getCommandName();
        String picocli = AutoComplete.bash(name, root);
        String register = "complete -F _complete_" + name + " -o default " + name + " " + name + ".sh " + name + ".bash\n";
        int at = picocli.lastIndexOf(register);
        if (at < 0 || !picocli.endsWith(register)) {
            throw new IllegalStateException("picocli's script no longer ends with " + register.strip());
        }
        String withValues = root.getCommandSpec().options().stream()
                .filter(o -> o.arity().max() > 0)
                .flatMap(o -> Arrays.stream(o.names()))
                .map(n -> "'" + n + "'")
                .collect(Collectors.joining("|"));
        return picocli.substring(0, at) + resource("command-completion.bash").replace("@ARG_OPTIONS@", withValues);
    }

    private static String resource(String name) {
        try (InputStream in = CompletionCommand.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar lacks " + name, e);
        }
    }
}
