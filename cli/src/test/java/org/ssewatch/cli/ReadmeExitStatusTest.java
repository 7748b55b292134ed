package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ssewatch.share.ExitReason;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The README's "Exit status" table is written by hand for readers; the statuses it lists are
 * those of the one table in the code, which --help and the man page print.
 */
class ReadmeExitStatusTest {
    /** The README spells out the status that --help writes as N. */
    private static final Map<String, String> README_SPELLING = Map.of("the command's own", "N");

    @Test
    void theReadmesTableListsExactlyTheStatusesOfTheCode() throws IOException {
        List<String> readme = readmeStatuses().stream().map(s -> README_SPELLING.getOrDefault(s, s)).toList();
        List<String> code = Arrays.stream(ExitCodes.lines()).map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(new TreeSet<>(code), new TreeSet<>(readme), "README.md's Exit status table against ExitCodes");
        assertEquals(code.size(), readme.size(), "a status twice in README.md: " + readme);
    }

    @Test
    void everyReasonARunEndsForHasItsLineInTheHelp() {
        Map<String, String> help = UsageMessageSpec.keyValuesMap(ExitCodes.lines());
        for (ExitReason reason : ExitReason.values()) {
            assertEquals(reason.meaning(), help.get(reason.statusLabel()), reason.wireName());
        }
        assertTrue(help.containsKey(String.valueOf(ExitCodes.USAGE)), "the usage error has a line");
    }

    /** The first column of the table under README.md's "## Exit status". */
    private static List<String> readmeStatuses() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Exit status");
        assertTrue(heading >= 0, "README.md has no \"## Exit status\" section");
        List<String> statuses = new ArrayList<>();
        int i = heading + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        assertTrue(i + 1 < lines.size() && lines.get(i + 1).matches("\\|(-+\\|)+"), "no table after the heading");
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            statuses.add(lines.get(i).substring(1, lines.get(i).indexOf('|', 1)).strip());
        }
        assertTrue(!statuses.isEmpty(), "the Exit status table has no rows");
        return statuses;
    }
}
