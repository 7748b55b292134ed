package org.ssewatch.share.jobs;

import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Scalars of the jobs file by their resolved YAML type. Strings must be strings: {@code true},
 * {@code 5} or an empty value where a string belongs is refused with a hint to quote it, rather
 * than turned into text the writer may not have meant ({@code DEBUG: yes} and {@code DEBUG: "yes"}
 * should never differ silently).
 */
final class Scalars {
    private Scalars() {
    }

    static Optional<String> string(Node node, String where, Problems problems) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            if (s.getValue().indexOf('\0') >= 0) {
                problems.add(node, where, "contains a NUL character");
                return Optional.empty();
            }
            return Optional.of(s.getValue());
        }
        String hint = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? "; quote it: \"" + s.getValue() + "\"" : "";
        problems.add(node, where, "expected a string, got " + describe(node) + hint);
        return Optional.empty();
    }

    static Optional<Long> whole(Node node, String where, Problems problems) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT) && s.getValue().matches("[-+]?[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(s.getValue()));
        }
        problems.add(node, where, "expected a whole number, got " + describe(node));
        return Optional.empty();
    }

    static Optional<Boolean> bool(Node node, String where, Problems problems) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(s.getValue()));
        }
        problems.add(node, where, "expected true or false, got " + describe(node));
        return Optional.empty();
    }

    /** What a node is, in words, for a message: {@code a whole number (5)}, {@code a list}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        String kind = tag.equals(Tag.STR) ? "a string" : tag.equals(Tag.INT) ? "a whole number" : tag.equals(Tag.FLOAT) ? "a number"
                : tag.equals(Tag.BOOL) ? "a boolean" : tag.equals(Tag.NULL) ? "nothing" : "a value tagged " + tag.getValue();
        return tag.equals(Tag.NULL) ? kind : kind + " (" + Quoted.of(s.getValue()) + ")";
    }
}
