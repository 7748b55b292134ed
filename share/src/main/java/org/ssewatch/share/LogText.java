package org.ssewatch.share;

import com.google.gson.JsonParser;

/**
 * The run as plain text, event by event, for {@code log.txt}: a finished line's text (escape
 * sequences removed, as a reader sees it, unless they are to be kept), and for a gap a line of
 * its own that says which events were not kept. Partial versions of lines are left to the caller.
 */
public final class LogText {
    private LogText() {
    }

    /** What a line event adds to the log: its text as shown, or as written when {@code keepAnsi}. */
    public static String text(LineEvent l, boolean keepAnsi) {
        return keepAnsi ? l.text() : AnsiText.strip(l.text());
    }

    /** The line that stands for a gap event in the log, without its line end. */
    public static String gap(Event gap) {
        long from = gap.id();
        try {
            from = JsonParser.parseString(gap.payloadJson()).getAsJsonObject().get("from").getAsLong();
        } catch (RuntimeException e) {
            // a gap written by this journal always has its first id; without one, say the last
        }
        return "[ssewatch: output missing here (events " + from + "-" + gap.id() + " were not kept)]";
    }
}
