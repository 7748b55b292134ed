package org.ssewatch.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
    @Test
    void anAnnotationCarriesItsPropertiesAndMessageUnescaped() {
        WorkflowCommands.Command c = WorkflowCommands.parse(
                "::error file=src/a%2Cb.c,line=12,col=3,endLine=14,endColumn=9,title=Build%3A failed::50%25 done%0Asecond%0Dline");
        assertEquals("error", c.name());
        assertEquals(Map.of("file", "src/a,b.c", "line", "12", "col", "3", "endLine", "14", "endColumn", "9",
                "title", "Build: failed"), c.properties());
        assertEquals("50% done\nsecond\rline", c.message());
    }

    @Test
    void escapesAreUndoneInOnePassSoAnEscapedPercentStaysText() {
        assertEquals("%0A", WorkflowCommands.unescapeMessage("%250A"));
        assertEquals("%3A:", WorkflowCommands.unescapeProperty("%253A%3A"));
        assertEquals("a%3Ab%2C", WorkflowCommands.unescapeMessage("a%3Ab%2C"), "not escapes in a message");
        assertEquals("100%", WorkflowCommands.unescapeMessage("100%"));
        assertEquals("%0", WorkflowCommands.unescapeMessage("%0"));
    }

    @Test
    void namesAreTakenWithoutRegardToCaseAndUnknownPropertiesAreLeftOut() {
        WorkflowCommands.Command c = WorkflowCommands.parse("::WARNING severity=high,file=x::careful");
        assertEquals("warning", c.name());
        assertEquals(Map.of("file", "x"), c.properties());
        assertEquals("", WorkflowCommands.parse("::endgroup::").message());
        assertEquals("Build", WorkflowCommands.parse("::group::Build").message());
    }

    @Test
    void malformedOrUnknownCommandsAreNotCommands() {
        assertNull(WorkflowCommands.parse("::error file=a.c"), "no closing ::");
        assertNull(WorkflowCommands.parse("::error file::message"), "a property without =");
        assertNull(WorkflowCommands.parse("::error line=twelve::message"), "a line that is no number");
        assertNull(WorkflowCommands.parse("::error col=-1::message"));
        assertNull(WorkflowCommands.parse("::set-output name=x::y"), "GitHub's, but nothing to ssewatch");
        assertNull(WorkflowCommands.parse(":: error::x"));
        assertNull(WorkflowCommands.parse(" ::error::indented"));
        assertNull(WorkflowCommands.parse("::::"));
        assertNull(WorkflowCommands.parse("plain text"));
    }
}
