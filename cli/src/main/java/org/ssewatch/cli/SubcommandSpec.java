package org.ssewatch.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** What every subcommand's description has alike, so that their --help and man sections read alike. */
final class SubcommandSpec {
    private SubcommandSpec() {
    }

    /**
     * A subcommand named {@code name} running {@code command}, with its help in the project's
     * layout; the caller adds its options, then {@link #addHelp}.
     */
    static CommandSpec of(Object command, String name, String header, String synopsis, String description,
                          String... exitCodeLines) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name).versionProvider(new Version());
        spec.usageMessage()
                .sortOptions(false)
                .autoWidth(true)
                .headerHeading("")
                .header(header)
                .synopsisHeading("%nUsage: ")
                .customSynopsis(synopsis)
                .descriptionHeading("%n")
                .description(description)
                .optionListHeading("%nOptions:%n")
                .parameterListHeading("%nArguments:%n")
                .exitCodeListHeading(ExitCodes.HEADING)
                .exitCodeList(UsageMessageSpec.keyValuesMap(exitCodeLines));
        return spec;
    }

    /** {@code --help} and {@code --version}, last in the list of options as picocli puts them. */
    static void addHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }
}
