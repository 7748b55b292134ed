package org.ssewatch.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ssewatch generate-completion}: prints picocli's bash and zsh completion script for the
 * command. picocli's own GenerateCompletion subcommand prints the same script, but it brings the
 * standard help mixin with it, and building that model cost about 40 ms of every start, including
 * the ones that never complete anything.
 */
@Command(name = "generate-completion",
        helpCommand = true,
        description = {
            "Print a bash/zsh completion script for ssewatch.",
            "Run the following command to give `ssewatch` TAB completion in the current shell:",
            "",
            "  source <(ssewatch generate-completion)",
            "",
        },
        optionListHeading = "Options:%n")
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        // print, not println: a script with Windows line ends breaks in bash
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.print('\n');
        out.flush();
    }
}
