package org.ssewatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
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
        out.print(AutoComplete.bash(root.name(), root.commandLine()));
        out.flush();
        return 0;
    }
}
