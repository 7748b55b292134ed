package org.ssewatch.share.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One element of a job's command, as written: literal text with {@code {name}} placeholders.
 * {@code {{} and {@code }}} stand for a literal brace, as in Python's format strings, so a
 * command can still pass braces to its program ({@code find -exec cmd {{}} ;} passes
 * {@code {}}). A placeholder is replaced inside this element only: the element stays one
 * argument, whatever the value holds, and no shell ever sees it.
 */
final class ArgTemplate {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    /** A literal piece, or (when {@code param} is true) the name of a parameter. */
    private record Part(String text, boolean param) {
    }

    private final String source;
    private final List<Part> parts;

    private ArgTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** Parses an element; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static ArgTemplate parse(String element) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < element.length()) {
            char c = element.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < element.length() && element.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("a lone '}' in " + Quoted.of(element) + " (write }} for a literal brace)");
            } else if (c == '{') {
                int close = element.indexOf('}', i + 1);
                String name = close < 0 ? "" : element.substring(i + 1, close);
                if (close < 0 || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'{' in " + Quoted.of(element)
                            + " does not start a {name} placeholder (write {{ for a literal brace)");
                }
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(name, true));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        return new ArgTemplate(element, parts);
    }

    /** The parameters this element names, in order of first use. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Part::param).forEach(p -> names.add(p.text()));
        return names;
    }

    /** This element with every placeholder replaced by its value from {@code values}. */
    String render(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            b.append(p.param() ? values.get(p.text()) : p.text());
        }
        return b.toString();
    }

    /** The element as the jobs file wrote it. */
    @Override
    public String toString() {
        return source;
    }
}
