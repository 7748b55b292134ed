package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --version}: ssewatch's version, then the Java runtime it runs on and where that is. */
class VersionTest {
    @Test
    void versionNamesSsewatchsVersionThenTheJavaRuntimeItRunsOn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(),
                false, false, false);
        assertEquals(0, Main.run(console, Map.of(), "--version"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("ssewatch \\d+\\.\\d+\\S*"), lines.get(0));
        assertEquals("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "), " + System.getProperty("java.home"), lines.get(1));
    }

    @Test
    void aRuntimeInTheRuntimeDirectoryBesideTheJarIsCalledBundled() {
        assertEquals("Java 17.0.15 (OpenJDK 64-Bit Server VM, Debian), bundled: /usr/lib/ssewatch/runtime",
                Version.runtime("17.0.15", "OpenJDK 64-Bit Server VM", "Debian", Path.of("/usr/lib/ssewatch/runtime"),
                        Path.of("/usr/lib/ssewatch/ssewatch.jar")));
    }

    @Test
    void anyOtherRuntimeIsNamedByItsDirectoryOnly() {
        Path jdk = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assertEquals("Java 17.0.15 (OpenJDK 64-Bit Server VM, Debian), " + jdk,
                Version.runtime("17.0.15", "OpenJDK 64-Bit Server VM", "Debian", jdk, Path.of("/usr/lib/ssewatch/ssewatch.jar")));
        Path elsewhere = Path.of("/opt/runtime");
        assertEquals("Java 17 (VM, V), " + elsewhere,
                Version.runtime("17", "VM", "V", elsewhere, Path.of("/usr/lib/ssewatch/ssewatch.jar")));
        assertEquals("Java 17 (VM, V), " + elsewhere, Version.runtime("17", "VM", "V", elsewhere, null));
    }
}
