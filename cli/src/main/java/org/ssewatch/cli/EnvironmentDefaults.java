package org.ssewatch.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from SSEWATCH_* variables for the options where that is conventional (what one sets
 * once for a machine or a CI job: where to listen, the link's token, the password); an option on
 * the command line still wins. The map is passed in, so tests need not touch the real environment.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    /** By the option's longest name, as picocli gives it. */
    static final Map<String, String> VARIABLES = Map.of(
            Options.PORT.name(), "SSEWATCH_PORT",
            Options.BIND.name(), "SSEWATCH_BIND",
            Options.TOKEN.name(), "SSEWATCH_TOKEN",
            Options.AUTH.name(), "SSEWATCH_AUTH",
            Options.PUBLIC_URL.name(), "SSEWATCH_PUBLIC_URL",
            Options.LINGER.name(), "SSEWATCH_LINGER",
            Options.MAX_VIEWERS.name(), "SSEWATCH_MAX_VIEWERS",
            Options.SPILL_DIR.name(), "SSEWATCH_SPILL_DIR",
            Options.PUBLISH.name(), "SSEWATCH_PUBLISH",
            Options.REDIS.name(), "SSEWATCH_REDIS");

    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            if (variable != null) {
                String value = env.get(variable);
                return value == null || value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
