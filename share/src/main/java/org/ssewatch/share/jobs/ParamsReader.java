package org.ssewatch.share.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A job's {@code params:} mapping, each parameter checked where it is written, its default against its own type. */
final class ParamsReader {
    private final String where;
    private final Problems problems;
    private final Map<String, Node> keys = new LinkedHashMap<>();

    ParamsReader(String where, Problems problems) {
        this.where = where;
        this.problems = problems;
    }

    /** The parameters that are right; every one declared, right or not, is then in {@link #keys()}. */
    Map<String, Param> read(Optional<Node> node) {
        Map<String, Param> params = new LinkedHashMap<>();
        node.flatMap(n -> Fields.open(n, where + ".params", null, problems)).ifPresent(f -> f.entries().forEach((name, t) -> {
            keys.put(name, t.getKeyNode());
            param(name, t).ifPresent(p -> params.put(name, p));
        }));
        return params;
    }

    /** Every parameter declared, by name, with the node of its key. */
    Map<String, Node> keys() {
        return keys;
    }

    private Optional<Param> param(String name, NodeTuple tuple) {
        String at = where + ".params." + name;
        if (!ArgTemplate.NAME.matcher(name).matches()) {
            problems.add(tuple.getKeyNode(), at, "a parameter's name is letters, digits, _ and -, starting with a letter or _");
            return Optional.empty();
        }
        Optional<Fields> open = Fields.open(tuple.getValueNode(), at, List.of("type", "title", "choices", "pattern", "default", "min", "max"), problems);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Fields f = open.get();
        int before = problems.count();
        ParamType type = f.value("type").flatMap(n -> Scalars.string(n, at + ".type", problems).flatMap(t -> {
            Optional<ParamType> known = ParamType.byYamlName(t);
            if (known.isEmpty()) {
                problems.add(n, at + ".type", "unknown type " + Quoted.of(t) + " (types: " + ParamType.names() + ")");
            }
            return known;
        })).orElse(ParamType.STRING);
        String title = f.value("title").flatMap(n -> Scalars.string(n, at + ".title", problems)).orElse(name);
        List<String> choices = f.value("choices").map(n -> choices(n, at + ".choices")).orElse(List.of());
        Optional<Pattern> pattern = f.value("pattern").flatMap(n -> pattern(n, at + ".pattern"));
        Optional<Long> min = f.value("min").flatMap(n -> Scalars.whole(n, at + ".min", problems));
        Optional<Long> max = f.value("max").flatMap(n -> Scalars.whole(n, at + ".max", problems));
        if (problems.count() != before) {
            return Optional.empty();
        }
        Param withoutDefault;
        try {
            withoutDefault = new Param(name, type, title, choices, pattern, min, max, Optional.empty());
        } catch (IllegalArgumentException e) {
            problems.add(tuple.getValueNode(), at, e.getMessage());
            return Optional.empty();
        }
        Optional<Node> defaultNode = f.value("default");
        if (defaultNode.isEmpty()) {
            return Optional.of(withoutDefault);
        }
        Optional<?> raw = switch (type) {
            case INT -> Scalars.whole(defaultNode.get(), at + ".default", problems);
            case BOOL -> Scalars.bool(defaultNode.get(), at + ".default", problems);
            default -> Scalars.string(defaultNode.get(), at + ".default", problems);
        };
        return raw.flatMap(value -> {
            try {
                String normal = Param.normalize(type, choices, pattern, min, max, value);
                return Optional.of(new Param(name, type, title, choices, pattern, min, max, Optional.of(normal)));
            } catch (IllegalArgumentException e) {
                problems.add(defaultNode.get(), at, "default " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private List<String> choices(Node node, String at) {
        List<String> choices = new ArrayList<>();
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(node, at, "expected a list of the values to choose from, got " + Scalars.describe(node));
            return choices;
        }
        for (Node c : seq.getValue()) {
            Scalars.string(c, at, problems).ifPresent(v -> {
                if (choices.contains(v)) {
                    problems.add(c, at, Quoted.of(v) + " is listed twice");
                }
                choices.add(v);
            });
        }
        return choices;
    }

    private Optional<Pattern> pattern(Node node, String at) {
        return Scalars.string(node, at, problems).flatMap(p -> {
            try {
                return Optional.of(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                problems.add(node, at, "invalid pattern: " + e.getDescription() + " at index " + e.getIndex() + " of " + Quoted.of(p));
                return Optional.empty();
            }
        });
    }
}
