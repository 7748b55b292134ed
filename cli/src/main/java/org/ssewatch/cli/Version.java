package org.ssewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the jar, and the Java runtime it runs on. */
final class Version implements IVersionProvider {
    static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown".
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ssewatch " + number(), runtime(System.getProperty("java.version"),
            System.getProperty("java.vm.name"), System.getProperty("java.vendor"),
            Path.of(System.getProperty("java.home")), jar())};
    }

    /**
     * For example {@code Java 17.0.15 (OpenJDK 64-Bit Server VM, Debian), bundled: /usr/lib/ssewatch/runtime}.
     * The runtime counts as bundled when it is the {@code runtime} directory beside the jar, as in
     * the packages that dist/build makes.
     */
    static String runtime(String version, String vm, String vendor, Path home, Path jar) {
        boolean bundled = jar != null && home.getFileName() != null && home.getFileName().toString().equals("runtime")
                && home.getParent() != null && home.getParent().equals(jar.getParent());
        return "Java " + version + " (" + vm + ", " + vendor + ")" + (bundled ? ", bundled: " : ", ") + home;
    }

    /** The jar this class was loaded from, or null (run from a classes directory, or unknown). */
    private static Path jar() {
        try {
            var source = Version.class.getProtectionDomain().getCodeSource();
            Path p = source == null ? null : Path.of(source.getLocation().toURI());
            return p != null && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
