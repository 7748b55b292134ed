package org.ssewatch.share.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * One mapping of the jobs file, its keys checked as it is opened: each a string, none twice,
 * and (where the keys are fixed) each one known, a typo answered with the key it was probably
 * meant to be.
 */
final class Fields {
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private Fields() {
    }

    /** The mapping at {@code node}, or empty (with the problem noted) when it is none; {@code known} null means any key. */
    static Optional<Fields> open(Node node, String where, List<String> known, Problems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, where, "expected a mapping (key: value), got " + Scalars.describe(node));
            return Optional.empty();
        }
        Fields fields = new Fields();
        for (NodeTuple t : mapping.getValue()) {
            Optional<String> key = Scalars.string(t.getKeyNode(), where, problems);
            if (key.isEmpty()) {
                continue;
            }
            NodeTuple first = fields.entries.get(key.get());
            if (first != null) {
                problems.add(t.getKeyNode(), where, "duplicate key " + Quoted.of(key.get()) + " (first at line "
                        + first.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0) + ")");
            } else if (known != null && !known.contains(key.get())) {
                problems.add(t.getKeyNode(), where, "unknown key " + Quoted.of(key.get()) + suggestion(key.get(), known)
                        + " (known: " + String.join(", ", known) + ")");
            } else {
                fields.entries.put(key.get(), t);
            }
        }
        return Optional.of(fields);
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    private static String suggestion(String key, List<String> known) {
        return known.stream().filter(k -> distance(k, key) <= 2).findFirst().map(k -> ", did you mean " + Quoted.of(k) + "?").orElse("");
    }

    /** Levenshtein distance: the edits (insert, delete, replace) from {@code a} to {@code b}. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
