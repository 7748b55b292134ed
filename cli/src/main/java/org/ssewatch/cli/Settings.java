package org.ssewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.RunConfig;
import org.ssewatch.web.ServerConfig;

/**
 * One run of ssewatch, as its options describe it; each part was validated where it was made.
 *
 * @param run    the command to run, or null in pipe mode
 * @param linger how long to keep serving after the run ends ({@link HumanDuration#FOREVER}: until a signal)
 */
record Settings(RunConfig run, JournalConfig journal, ServerConfig server, Duration linger, Path urlFile, boolean quiet,
                String title, int maxLineBytes, boolean verbose) {
}
