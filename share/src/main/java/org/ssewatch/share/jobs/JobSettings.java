package org.ssewatch.share.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.ssewatch.share.Durations;

/** The values of one job's keys other than its parameters, each checked where it is written. */
final class JobSettings {
    private final Path file;
    private final String where;
    private final Problems problems;

    JobSettings(Path file, String where, Problems problems) {
        this.file = file;
        this.where = where;
        this.problems = problems;
    }

    /** The argv, once every element parses and names only declared parameters (by name, their keys' nodes), each of which it uses. */
    Optional<List<String>> command(Node node, Map<String, Node> params) {
        String at = where + ".command";
        if (!(node instanceof SequenceNode seq)) {
            problems.add(node, at, "expected a list of arguments, such as [\"./deploy.sh\", \"--tag\", \"{tag}\"], got " + Scalars.describe(node));
            return Optional.empty();
        }
        if (seq.getValue().isEmpty()) {
            problems.add(node, at, "the command is empty");
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node element = seq.getValue().get(i);
            Optional<String> text = Scalars.string(element, at + "[" + i + "]", problems);
            if (text.isEmpty()) {
                continue;
            }
            try {
                Set<String> names = ArgTemplate.parse(text.get()).names();
                if (i == 0 && (text.get().isEmpty() || !names.isEmpty())) {
                    problems.add(element, at + "[0]", text.get().isEmpty() ? "the program is empty" : "the program cannot take a parameter");
                }
                for (String n : names) {
                    if (!params.containsKey(n)) {
                        problems.add(element, at + "[" + i + "]", "{" + n + "} names no parameter (parameters: "
                                + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")");
                    }
                }
                used.addAll(names);
                argv.add(text.get());
            } catch (IllegalArgumentException e) {
                problems.add(element, at + "[" + i + "]", e.getMessage());
            }
        }
        params.keySet().stream().filter(p -> !used.contains(p))
                .forEach(p -> problems.add(params.get(p), where + ".params." + p, "parameter " + Quoted.of(p) + " is not used in the command"));
        return argv.size() == seq.getValue().size() ? Optional.of(argv) : Optional.empty();
    }

    /** Relative to the jobs file's directory; it must exist when the server starts. */
    Optional<Path> dir(Node node) {
        return Scalars.string(node, where + ".dir", problems).flatMap(d -> {
            Path dir = file.toAbsolutePath().getParent().resolve(d).normalize();
            if (!Files.isDirectory(dir)) {
                problems.add(node, where + ".dir", "no such directory: " + dir);
                return Optional.empty();
            }
            return Optional.of(dir);
        });
    }

    Map<String, String> env(Node node) {
        Map<String, String> env = new LinkedHashMap<>();
        Fields.open(node, where + ".env", null, problems).ifPresent(f -> f.entries().forEach((name, t) -> {
            if (!Job.ENV_NAME.matcher(name).matches()) {
                problems.add(t.getKeyNode(), where + ".env", Quoted.of(name) + " is not a variable name (letters, digits and _)");
            }
            Scalars.string(t.getValueNode(), where + ".env." + name, problems).ifPresent(v -> env.put(name, v));
        }));
        return env;
    }

    Optional<Integer> concurrency(Node node) {
        return Scalars.whole(node, where + ".concurrency", problems).flatMap(n -> {
            if (n < 1 || n > 10_000) {
                problems.add(node, where + ".concurrency", "must be from 1 to 10000, got " + n);
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
    }

    /** A duration such as {@code 30m} or {@code 1h30m}, or a whole number of seconds. */
    Optional<Duration> timeout(Node node) {
        String at = where + ".timeout";
        Optional<Duration> d;
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            d = Scalars.whole(node, at, problems).map(Duration::ofSeconds);
        } else {
            d = Scalars.string(node, at, problems).flatMap(text -> {
                try {
                    return Optional.of(Durations.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.add(node, at, e.getMessage());
                    return Optional.empty();
                }
            });
        }
        if (d.isPresent() && (d.get().isZero() || d.get().isNegative())) {
            problems.add(node, at, "must be more than zero");
            return Optional.empty();
        }
        return d;
    }
}
