package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabSectionsTest {
    private static final String E = "\u001b[0K";

    @Test
    void aStartCarriesItsNameOptionsAndHeader() {
        GitLabSections.Parsed p = GitLabSections.parse(E + "section_start:1700000000:build_step.1-a[collapsed=true]\r" + E + "Building");
        assertEquals(List.of(new GitLabSections.Marker(true, "build_step.1-a", true, "Building")), p.markers());
        GitLabSections.Parsed open = GitLabSections.parse(E + "section_start:1:deps[hide_duration=true]\r" + E + "Deps");
        assertFalse(open.markers().get(0).collapsed());
    }

    @Test
    void theRunnersOwnHeadersKeepTheirColoursAndLoseTheExtraErase() {
        GitLabSections.Parsed p = GitLabSections.parse(E + "section_start:1:step_script\r" + E + E + "\u001b[36;1mExecuting\u001b[0;m");
        assertEquals("\u001b[36;1mExecuting\u001b[0;m", p.markers().get(0).header());
    }

    @Test
    void anEndAndTheNextStartCanShareALineAsTheRunnerPrintsThem() {
        GitLabSections.Parsed p = GitLabSections.parse(E + "section_end:2:prepare\r" + E + E + "section_start:2:script\r" + E + "Script");
        assertEquals(List.of(new GitLabSections.Marker(false, "prepare", false, null),
                new GitLabSections.Marker(true, "script", false, "Script")), p.markers());
        assertEquals("", p.rest());
        assertEquals("after", GitLabSections.parse(E + "section_end:2:x\r" + E + "after").rest());
    }

    @Test
    void malformedMarkersAreNotMarkers() {
        assertNull(GitLabSections.parse(E + "section_start:1:name"), "no carriage return");
        assertNull(GitLabSections.parse(E + "section_start::name\r" + E + "h"), "no time");
        assertNull(GitLabSections.parse(E + "section_start:1x:name\r" + E + "h"));
        assertNull(GitLabSections.parse(E + "section_start:1:\r" + E + "h"), "no name");
        assertNull(GitLabSections.parse(E + "section_start:1:bad name\r" + E + "h"), "a space in the name");
        assertNull(GitLabSections.parse(E + "section_start:1:name[collapsed=true\r" + E + "h"));
        assertNull(GitLabSections.parse("section_start:1:name\r" + E + "h"), "no erase in front");
        assertNull(GitLabSections.parse(E + "progress 50%"));
    }

    @Test
    void anOpenLineCouldStillBecomeAMarkerOnlyWhileItMatchesTheStart() {
        assertTrue(GitLabSections.couldStart("\u001b[0Ksec"));
        assertTrue(GitLabSections.couldStart(E + "section_end:12"));
        assertFalse(GitLabSections.couldStart(E + "50%"));
        assertFalse(GitLabSections.couldStart(""));
    }
}
