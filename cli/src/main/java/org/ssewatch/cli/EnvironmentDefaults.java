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
    static final Map<String, String> VARIABLES = Map.of(
            "--port", "SSEWATCH_PORT",
            "--bind", "SSEWATCH_BIND",
            "--token", "SSEWATCH_TOKEN",
            "--auth", "SSEWATCH_AUTH",
            "--public-url", "SSEWATCH_PUBLIC_URL",
            "--linger", "SSEWATCH_LINGER",
            "--max-viewers", "SSEWATCH_MAX_VIEWERS",
            "--spill-dir", "SSEWATCH_SPILL_DIR");

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
