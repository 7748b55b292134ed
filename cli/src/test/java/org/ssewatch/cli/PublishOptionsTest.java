package org.ssewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.redis.RedisUrl;
import picocli.CommandLine;

/** --publish and the --redis-* options, as the command line turns them into a {@link PublishConfig}. */
class PublishOptionsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console() {
        return new Console(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err, true, false, false);
    }

    private Settings settings(Map<String, String> env, String... args) throws CliException {
        CommandLine cl = Main.commandLine(console(), env);
        cl.parseArgs(args);
        return ((SsewatchCommand) cl.getCommand()).settings();
    }

    private int run(String... args) {
        return Main.run(console(), Map.of(), args);
    }

    @Test
    void withoutPublishNothingIsPublished() throws CliException {
        assertNull(settings(Map.of(), "--", "true").publish());
        assertEquals(List.of(), PublishOptions.passwordMasks(null));
    }

    @Test
    void thePasswordIsMaskedAsLiteralTextAndAUrlWithoutOneMasksNothing() throws CliException {
        PublishConfig publish = settings(Map.of("SSEWATCH_PUBLISH", "redis://:a.b*c(d@cache:6379/0"), "--", "true").publish();
        List<String> masks = PublishOptions.passwordMasks(publish);
        assertEquals(1, masks.size());
        assertTrue(java.util.regex.Pattern.compile(masks.get(0)).matcher("x a.b*c(d y").find());
        assertFalse(java.util.regex.Pattern.compile(masks.get(0)).matcher("aXbbbc(d").find(), "quoted, not a pattern");
        assertEquals(List.of(), PublishOptions.passwordMasks(settings(Map.of(), "--publish", "redis://cache:6379/0", "--", "true").publish()));
    }

    @Test
    void publishGivesTheUrlAndTheDefaultsPrefixAllEntriesSevenDaysTenSeconds() throws CliException {
        PublishConfig p = settings(Map.of(), "--publish", "redis://cache:6380/1", "--", "true").publish();
        assertEquals(new RedisUrl(false, null, null, "cache", 6380, 1), p.url());
        assertEquals("ssewatch:", p.keys().prefix());
        assertEquals(0, p.maxLen());
        assertEquals(Duration.ofDays(7), p.ttl());
        assertEquals(Duration.ofSeconds(10), p.flushWait());
    }

    @Test
    void theUrlComesFromSsewatchPublishAndTheOptionWins() throws CliException {
        Map<String, String> env = Map.of("SSEWATCH_PUBLISH", "redis://from-env");
        assertEquals("from-env", settings(env, "--", "true").publish().url().host());
        assertEquals("cli", settings(env, "--publish", "redis://cli", "--", "true").publish().url().host());
    }

    @Test
    void prefixMaxlenAndTtlAreTakenAndForeverMeansNoExpiry() throws CliException {
        PublishConfig p = settings(Map.of(), "--publish", "rediss://h", "--redis-prefix", "ci:", "--redis-maxlen", "5000",
                "--redis-ttl", "forever", "--", "true").publish();
        assertEquals("ci:run:r1:events", p.keys().events("r1"));
        assertEquals(5000, p.maxLen());
        assertNull(p.ttl());
        assertEquals(Duration.ofHours(12), settings(Map.of(), "--publish", "redis://h", "--redis-ttl", "12h", "--", "true")
                .publish().ttl());
    }

    @Test
    void thePasswordIsMaskedInWhatTheCommandPrints() throws CliException {
        Settings s = settings(Map.of(), "--publish", "redis://:hunter2-secret@h", "--", "true");
        List<String> masks = ((Source.Command) s.source()).run().masks();
        assertTrue(masks.stream().anyMatch(m -> "token hunter2-secret".replaceAll(m, "***").equals("token ***")), masks.toString());
    }

    @Test
    void badPublishingValuesAreOneLineUsageErrorsNamingTheOption() {
        for (String[] args : new String[][] {
            {"--publish", "redis://u:hunter2-secret@h/db", "--", "true"},
            {"--publish", "redis://h", "--redis-maxlen", "-1", "--", "true"},
            {"--publish", "redis://h", "--redis-prefix", "a b", "--", "true"},
            {"--publish", "redis://h", "--redis-ttl", "0s", "--", "true"}}) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.startsWith("ssewatch: --"), said);
            assertEquals(1, said.lines().count(), said);
            assertFalse(said.contains("hunter2-secret"), said);
        }
    }
}
