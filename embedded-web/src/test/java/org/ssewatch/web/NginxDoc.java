package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The nginx configuration blocks of docs/nginx.md, which the proxy tests run, so that the page cannot rot. */
public final class NginxDoc {
    /** From any module's directory, where Maven runs its tests. */
    private static final Path DOC = Path.of("..", "docs", "nginx.md");
    private static final Pattern BLOCK = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL);

    private NginxDoc() {
    }

    /** The ```nginx block of docs/nginx.md that contains {@code marker}. */
    public static String block(String marker) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                return m.group(1);
            }
        }
        return fail("docs/nginx.md has no nginx block with " + marker);
    }
}
