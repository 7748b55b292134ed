package org.ssewatch.share.jobs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's parameter, as the jobs file declares it. Without a default it is required.
 *
 * @param name         the name its {@code {name}} placeholders use
 * @param type         what values it takes
 * @param title        what the form calls it (the name when the file gives none)
 * @param choices      the values a {@code choice} takes, in the file's order; empty for other types
 * @param pattern      a regular expression the whole of a {@code string} value must match
 * @param min          the smallest {@code int} accepted
 * @param max          the largest {@code int} accepted
 * @param defaultValue the value when none is submitted, already in its normal form
 */
public record Param(String name, ParamType type, String title, List<String> choices, Optional<Pattern> pattern,
        Optional<Long> min, Optional<Long> max, Optional<String> defaultValue) {
    /** Longer values are refused: a command line has a size limit, and a form field needs none this big. */
    public static final int MAX_LENGTH = 8192;

    public Param {
        Objects.requireNonNull(type);
        if (!ArgTemplate.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a parameter's name is letters, digits, _ and -, starting with a letter or _");
        }
        choices = List.copyOf(choices);
        if ((type == ParamType.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException(type == ParamType.CHOICE ? "a choice needs choices" : "only a choice has choices");
        }
        if (pattern.isPresent() && type != ParamType.STRING) {
            throw new IllegalArgumentException("only a string has a pattern");
        }
        if ((min.isPresent() || max.isPresent()) && type != ParamType.INT) {
            throw new IllegalArgumentException("only an int has min and max");
        }
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw new IllegalArgumentException("min " + min.get() + " is greater than max " + max.get());
        }
        if (defaultValue.isPresent()) {
            normalize(type, choices, pattern, min, max, defaultValue.get());
        }
    }

    /** Whether a value must be submitted. */
    public boolean required() {
        return defaultValue.isEmpty();
    }

    /**
     * The submitted {@code value} in its normal form ({@code int}s in decimal, {@code bool}s as
     * {@code true} or {@code false}), or a one-line refusal that names this parameter. A value
     * is a String, or (from JSON) a Boolean for a {@code bool} or a Number for an {@code int}.
     */
    public String accept(Object value) throws ParamException {
        try {
            return normalize(type, choices, pattern, min, max, value);
        } catch (IllegalArgumentException e) {
            throw new ParamException("parameter " + Quoted.of(name) + ": " + e.getMessage());
        }
    }

    /** Throws {@link IllegalArgumentException} with the reason alone, for the file's messages and ours. */
    static String normalize(ParamType type, List<String> choices, Optional<Pattern> pattern, Optional<Long> min,
            Optional<Long> max, Object value) {
        if (value instanceof Boolean b) {
            if (type != ParamType.BOOL) {
                throw new IllegalArgumentException("expected " + article(type) + ", got " + b);
            }
            return b.toString();
        }
        if (value instanceof Number n) {
            if (type != ParamType.INT) {
                throw new IllegalArgumentException("expected " + article(type) + ", got the number " + n);
            }
            return whole(n.toString(), min, max);
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("expected " + article(type) + ", got " + (value == null ? "nothing" : "a list or an object"));
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("contains a NUL character, which a command-line argument cannot hold");
        }
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is " + s.length() + " characters long, more than " + MAX_LENGTH);
        }
        return switch (type) {
            case STRING -> {
                if (pattern.isPresent() && !pattern.get().matcher(s).matches()) {
                    throw new IllegalArgumentException(Quoted.of(s) + " does not match " + pattern.get().pattern());
                }
                yield s;
            }
            case CHOICE -> {
                if (!choices.contains(s)) {
                    throw new IllegalArgumentException(Quoted.of(s) + " is not one of [" + String.join(", ", choices) + "]");
                }
                yield s;
            }
            case INT -> whole(s, min, max);
            case BOOL -> {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException(Quoted.of(s) + " is not true or false");
                }
                yield s;
            }
        };
    }

    private static String whole(String text, Optional<Long> min, Optional<Long> max) {
        if (!text.matches("[-+]?[0-9]{1,40}")) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a whole number");
        }
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
        }
        if (min.isPresent() && n < min.get()) {
            throw new IllegalArgumentException(n + " is less than the minimum, " + min.get());
        }
        if (max.isPresent() && n > max.get()) {
            throw new IllegalArgumentException(n + " is more than the maximum, " + max.get());
        }
        return Long.toString(n);
    }

    private static String article(ParamType type) {
        return switch (type) {
            case STRING -> "a string";
            case CHOICE -> "one of the choices (a string)";
            case INT -> "a whole number";
            case BOOL -> "true or false";
        };
    }
}
