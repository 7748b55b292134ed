package org.ssewatch.share.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The types a job's parameter can have, by the names the jobs file uses for them. */
public enum ParamType {
    STRING, CHOICE, INT, BOOL;

    /** The name in the jobs file: {@code string}, {@code choice}, {@code int}, {@code bool}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ParamType> byYamlName(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(ParamType::yamlName).toList());
    }
}
