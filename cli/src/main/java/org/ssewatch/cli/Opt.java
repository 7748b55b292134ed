package org.ssewatch.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One of ssewatch's options, with the type of its value. Code reads the value through the handle
 * ({@code Options.MAX_LINE.get(spec)} is a long), so a mistyped name or a wrong type fails to
 * compile instead of at run time.
 *
 * <p>It keeps what the option is made of rather than a picocli {@link OptionSpec}, because an
 * OptionSpec holds its parsed value and every command line (a test makes several) needs its own.
 * It is set up where {@link Options} defines it, as that class initialises, and only read after.
 */
final class Opt<T> {
    private final Class<T> type;
    private final String label;
    private final boolean flag;
    private final String[] names;
    /** The type of each value of a repeatable option ({@code List<String>}), else null. */
    private Class<?> elementType;
    private String defaultValue;
    private ITypeConverter<T> converter;
    private String[] description = {};
    private boolean usageHelp;
    private boolean versionHelp;

    /** {@code type} may be primitive ({@code int.class} is a {@code Class<Integer>}), as picocli prefers. */
    Opt(Class<T> type, String label, boolean flag, String... names) {
        this.type = type;
        this.label = label;
        this.flag = flag;
        this.names = names.clone();
    }

    /** Repeatable: each occurrence adds a value of {@code type} to the option's list. */
    Opt<T> repeatable(Class<?> type) {
        elementType = type;
        return this;
    }

    Opt<T> defaultValue(String value) {
        defaultValue = value;
        return this;
    }

    Opt<T> converter(ITypeConverter<T> typeConverter) {
        converter = typeConverter;
        return this;
    }

    Opt<T> description(String... lines) {
        description = lines.clone();
        return this;
    }

    Opt<T> usageHelp() {
        usageHelp = true;
        return this;
    }

    Opt<T> versionHelp() {
        versionHelp = true;
        return this;
    }

    /** The longest name, as picocli and the SSEWATCH_* defaults know the option: --max-line. */
    String name() {
        String longest = names[0];
        for (String n : names) {
            longest = n.length() > longest.length() ? n : longest;
        }
        return longest;
    }

    /** A new picocli option for one command line. */
    OptionSpec toSpec() {
        OptionSpec.Builder b = OptionSpec.builder(names).type(type).description(description)
                .usageHelp(usageHelp).versionHelp(versionHelp);
        if (flag) {
            b.initialValue(false);
        } else {
            b.paramLabel(label);
        }
        if (elementType != null) {
            b.auxiliaryTypes(elementType);
        }
        if (defaultValue != null) {
            b.defaultValue(defaultValue);
        }
        if (converter != null) {
            b.converters(converter);
        }
        return b.build();
    }

    /** The value after parsing {@code spec}'s command line: what was given, else its default, else its initial value. */
    T get(CommandSpec spec) {
        OptionSpec option = spec.findOption(name());
        if (option == null) {
            throw new IllegalStateException(name() + " is not an option of " + spec.name());
        }
        return option.getValue(); // of type T: toSpec made it so
    }
}
