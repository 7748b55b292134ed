package org.ssewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.web.ServerConfig;

/**
 * One run of ssewatch, as its options describe it; each part was validated where it was made.
 *
 * @param source what to watch: a command, or standard input
 * @param linger how long to keep serving after the run ends ({@link HumanDuration#FOREVER}: until a signal)
 * @param publish where to publish the run too (--publish), or null
 * @param save    the directory to keep the run in ({@code --save}), or null
 */
record Settings(Source source, JournalConfig journal, ServerConfig server, Duration linger, Path urlFile, boolean quiet,
                boolean verbose, PublishConfig publish, Path save) {
}
