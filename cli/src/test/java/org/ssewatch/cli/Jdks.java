package org.ssewatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The JDKs installed under /usr/lib/jvm, for tests that run ssewatch on the newest one. */
final class Jdks {
    private Jdks() {
    }

    /** The java of the newest JDK under /usr/lib/jvm, or null. */
    static Path newestJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && !Files.isSymbolicLink(h))
                    .max(Comparator.comparingInt(Jdks::homeFeature))
                    .map(h -> h.resolve("bin/java")).orElse(null);
        }
    }

    /** The feature version of the JDK whose bin/java this is (25 for 25.0.3), 0 if unknown. */
    static int feature(Path java) {
        return homeFeature(java.getParent().getParent());
    }

    /** The feature version a JDK's release file names (JAVA_VERSION="25.0.3"), 0 if unknown. */
    private static int homeFeature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return 0;
    }
}
