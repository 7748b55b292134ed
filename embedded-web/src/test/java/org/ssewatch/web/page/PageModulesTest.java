package org.ssewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A module of the page that the server does not serve breaks the whole page in a browser (jsdom reads the files). */
class PageModulesTest {
    @Test
    void everyModuleUnderPageIsServed() throws IOException {
        Path dir = Path.of("src/main/resources/org/ssewatch/web/assets/page");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(files.map(f -> "page/" + f.getFileName()).collect(Collectors.toCollection(TreeSet::new)),
                    new TreeSet<>(AssetHandler.PAGE_MODULES));
        }
    }
}
