package org.ssewatch.share.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job of the jobs file: what an operator may start from the page or the API.
 *
 * @param name        its key in the file; letters, digits, {@code .}, {@code _} and {@code -}, so it
 *                    needs no escaping in a URL
 * @param title       what the hub calls it (the name when the file gives none)
 * @param command     the argv as written, with {@code {name}} placeholders (see {@link ArgTemplate});
 *                    the program, {@code command[0]}, takes none
 * @param dir         the working directory, absolute
 * @param env         variables added to the server's environment, literal (no placeholders)
 * @param params      the parameters, by name, in the file's order
 * @param concurrency how many runs of this job may run at once, at least 1
 * @param timeout     how long a run may take before it is stopped as Ctrl-C would stop it
 */
public record Job(String name, String title, List<String> command, Path dir, Map<String, String> env,
        Map<String, Param> params, int concurrency, Optional<Duration> timeout) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Job {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a job's name is 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        if (!ArgTemplate.parse(command.get(0)).names().isEmpty()) {
            throw new IllegalArgumentException("the program, command[0], cannot take a parameter");
        }
        Set<String> used = placeholders(command);
        for (String p : used) {
            if (!params.containsKey(p)) {
                throw new IllegalArgumentException("the command names {" + p + "}, which is no parameter");
            }
        }
        for (String p : params.keySet()) {
            if (!used.contains(p)) {
                throw new IllegalArgumentException("parameter " + Quoted.of(p) + " is not used in the command");
            }
        }
        env.forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches() || v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad environment variable " + Quoted.of(k));
            }
        });
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("the directory must be absolute");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
            throw new IllegalArgumentException("the timeout must be more than zero");
        }
    }

    /** Every parameter the elements of {@code command} name; throws if one cannot be parsed. */
    static Set<String> placeholders(List<String> command) {
        Set<String> names = new LinkedHashSet<>();
        command.forEach(element -> names.addAll(ArgTemplate.parse(element).names()));
        return names;
    }

    /**
     * Checks {@code submitted} (by parameter name; a null value counts as not submitted), applies
     * the defaults and substitutes every value into the elements that name it.
     *
     * @throws ParamException one line naming the first parameter refused and why
     */
    public Invocation invoke(Map<String, ?> submitted) throws ParamException {
        for (String key : submitted.keySet()) {
            if (!params.containsKey(key)) {
                throw new ParamException("unknown parameter " + Quoted.of(key) + " (job " + name + " takes "
                        + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Param p : params.values()) {
            Object v = submitted.get(p.name());
            if (v != null) {
                values.put(p.name(), p.accept(v));
            } else if (p.defaultValue().isPresent()) {
                values.put(p.name(), p.defaultValue().get());
            } else {
                throw new ParamException("parameter " + Quoted.of(p.name()) + " is required");
            }
        }
        List<String> argv = command.stream().map(e -> ArgTemplate.parse(e).render(values)).toList();
        return new Invocation(name, argv, values, dir, env, timeout);
    }
}
