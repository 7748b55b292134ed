package org.ssewatch.cli;

import static org.ssewatch.cli.Options.REDIS;
import static org.ssewatch.cli.Options.REDIS_PREFIX;
import static org.ssewatch.cli.Options.URL_FILE;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ssewatch.redis.PublishedRuns;
import org.ssewatch.redis.RedisClients;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.redis.RedisUrl;
import org.ssewatch.web.Listener;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.access.Gates;
import org.ssewatch.web.hub.ReadOnlyHub;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import redis.clients.jedis.JedisPooled;

/**
 * {@code ssewatch relay --redis URL}: a stateless node that serves the runs published to Redis
 * ({@code --publish}) with the same page, endpoints and bytes as a local ssewatch, until Ctrl-C.
 * Any number of relays may serve the same runs; a viewer may move between them with its
 * Last-Event-ID. It needs no disk.
 */
final class RelayCommand implements Callable<Integer> {
    static final String NAME = "relay";
    static final String STOPPED_LINE = "0:Stopped by Ctrl-C, SIGTERM or SIGHUP.";
    /** The newest runs the hub page and api/runs list. */
    static final int LIST_MAX = 500;
    static final String READ_ONLY = "This is a relay: it shows the runs published to Redis, read only. Runs are started "
            + "where they run (ssewatch --publish, or a hub's jobs with ssewatch serve --publish).";

    private final Console console;
    private CommandSpec spec;

    private RelayCommand(Console console) {
        this.console = console;
    }

    /** The subcommand's description; {@code console} is null for picocli's tools, which only read it. */
    static CommandSpec spec(Console console) {
        RelayCommand command = new RelayCommand(console);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(NAME).versionProvider(new Version());
        spec.usageMessage()
                .sortOptions(false)
                .autoWidth(true)
                .headerHeading("")
                .header("Serve the runs published to Redis: every run's page and endpoints, from any number of relays.")
                .synopsisHeading("%nUsage: ")
                .customSynopsis("@|bold ssewatch relay|@ --redis URL [OPTIONS]")
                .descriptionHeading("%n")
                .description("Serves the hub's page, read only, listing live the runs that 'ssewatch --publish URL' and "
                        + "'ssewatch serve --publish URL' wrote to Redis (also as JSON at api/runs), and each run at "
                        + "runs/ID/ with the same page, endpoints and bytes as the ssewatch that ran it. One reader per "
                        + "watched run follows its Redis Stream; all of this relay's viewers of the run share it, and it "
                        + "is let go when nobody watches (--evict-after). If Redis goes away, viewers stay connected and "
                        + "the relay goes on when it is back. Keeps nothing on disk.")
                .optionListHeading("%nOptions:%n")
                .exitCodeListHeading(ExitCodes.HEADING)
                .exitCodeList(UsageMessageSpec.keyValuesMap(STOPPED_LINE, ExitCodes.USAGE_LINE, ExitCodes.FAILED_LINE));
        spec.addOption(REDIS.toSpec());
        spec.addOption(REDIS_PREFIX.toSpec());
        for (Opt<?> option : RelayOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        for (Opt<?> option : ServerOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addOption(URL_FILE.toSpec());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** Each sweep finds runs idle for at least the eviction time, and at most a tenth of it (or a minute) more. */
    private static Duration sweepEvery(Duration evictAfter) {
        Duration tenth = evictAfter.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                : tenth.toMillis() < 10 ? Duration.ofMillis(10) : tenth;
    }

    /** Runs {@code task} every {@code period}; a task that fails is told and runs again next time. */
    private void every(ScheduledExecutorService timer, Duration period, Runnable task) {
        long ms = Math.max(1, Math.min(period.toMillis(), Duration.ofDays(1).toMillis()));
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                console.say("relay: " + e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The hub page over the runs in Redis; while Redis cannot be read, the page and api/runs say so. */
    private static ReadOnlyHub hub(PublishedRuns published) {
        return new ReadOnlyHub(READ_ONLY, published::current, published::problem);
    }

    @Override
    public Integer call() throws CliException {
        ServerOptions.check(spec);
        RelayOptions.check(spec);
        ServerConfig config;
        RedisUrl url;
        RedisKeys keys;
        try {
            config = ServerOptions.config(spec);
            String given = REDIS.get(spec);
            if (given == null) {
                throw new IllegalArgumentException("relay needs --redis URL (or SSEWATCH_REDIS)");
            }
            url = RedisUrl.parse(given);
            keys = new RedisKeys(REDIS_PREFIX.get(spec));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Duration evictAfter = RelayOptions.EVICT_AFTER.get(spec);
        Duration listEvery = RelayOptions.LIST_EVERY.get(spec);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ssewatch-relay-timer");
            t.setDaemon(true);
            return t;
        });
        try (JedisPooled redis = RedisClients.pooled(url, "ssewatch-relay", 2_000, 5_000);
                RelayRuns runs = new RelayRuns(url, keys, redis, config.stream(), evictAfter,
                        RelayOptions.MAX_FOLLOWED.get(spec), console::say);
                ReadOnlyHub hub = hub(new PublishedRuns(redis, keys, listEvery, LIST_MAX))) {
            Listener listener;
            try {
                listener = Listener.start(config, Gates.around(new RelayHandler(runs, hub), config.token(), config.auth()));
            } catch (ServerStartException e) {
                throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
            }
            try {
                every(timer, listEvery, hub::refresh);
                every(timer, sweepEvery(evictAfter), runs::evictIdle);
                CountDownLatch stop = new CountDownLatch(1);
                new SignalTrap().install(count -> stop.countDown());
                console.say("relaying the runs in " + url + " (prefix " + keys.prefix() + ")");
                Watch.announce("relaying at ", listener.urls(), listener.certificateFingerprint(), console, URL_FILE.get(spec));
                stop.await();
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } finally {
                timer.shutdownNow();
                hub.close(); // its streams first, while the server's threads still run
                listener.close();
            }
        }
    }
}
