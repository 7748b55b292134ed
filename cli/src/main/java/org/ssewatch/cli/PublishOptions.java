package org.ssewatch.cli;

import static org.ssewatch.cli.Options.PUBLISH;
import static org.ssewatch.cli.Options.REDIS_MAXLEN;
import static org.ssewatch.cli.Options.REDIS_PREFIX;
import static org.ssewatch.cli.Options.REDIS_TTL;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.redis.RedisUrl;
import picocli.CommandLine.Model.CommandSpec;

/** --publish and its --redis-* options, read the same way by {@code ssewatch -- CMD} and {@code ssewatch serve}. */
final class PublishOptions {
    /** In the order --help lists them. */
    static final List<Opt<?>> ALL = List.of(PUBLISH, REDIS_PREFIX, REDIS_MAXLEN, REDIS_TTL);

    private PublishOptions() {
    }

    /** What --publish asks for, or null without it; a bad URL's message never holds its password. */
    static PublishConfig config(CommandSpec spec) {
        String url = PUBLISH.get(spec);
        if (url == null) {
            return null;
        }
        RedisUrl redis;
        try {
            redis = RedisUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--publish: " + e.getMessage(), e);
        }
        RedisKeys keys;
        try {
            keys = new RedisKeys(REDIS_PREFIX.get(spec));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--redis-prefix: " + e.getMessage(), e);
        }
        Duration ttl = REDIS_TTL.get(spec);
        return new PublishConfig(redis, keys, REDIS_MAXLEN.get(spec),
                ttl.equals(HumanDuration.FOREVER) ? null : ttl, PublishConfig.DEFAULT_FLUSH_WAIT);
    }

    /**
     * The masks the Redis password needs: the commands inherit SSEWATCH_PUBLISH with the rest of the
     * environment, so a command that prints its environment would otherwise publish the password.
     */
    static List<String> passwordMasks(PublishConfig publish) {
        if (publish == null || publish.url().password() == null) {
            return List.of();
        }
        return List.of(Pattern.quote(publish.url().password()));
    }
}
