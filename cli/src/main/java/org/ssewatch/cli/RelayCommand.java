package org.ssewatch.cli;

import static org.ssewatch.cli.Options.REDIS;
import static org.ssewatch.cli.Options.REDIS_PREFIX;
import static org.ssewatch.cli.Options.URL_FILE;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ssewatch.redis.RedisClients;
import org.ssewatch.redis.RedisKeys;
import org.ssewatch.redis.RedisUrl;
import org.ssewatch.web.Listener;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.ServerStartException;
import org.ssewatch.web.access.Gates;
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
                .description("Lists the runs that 'ssewatch --publish URL' wrote to Redis at api/runs, and serves each "
                        + "at runs/ID/ with the same page, endpoints and bytes as the ssewatch that ran it. One reader per "
                        + "watched run follows its Redis Stream; all of this relay's viewers of the run share it. If Redis "
                        + "goes away, viewers stay connected and the relay goes on when it is back. Keeps nothing on disk.")
                .optionListHeading("%nOptions:%n")
                .exitCodeListHeading(ExitCodes.HEADING)
                .exitCodeList(UsageMessageSpec.keyValuesMap(STOPPED_LINE, ExitCodes.USAGE_LINE, ExitCodes.FAILED_LINE));
        spec.addOption(REDIS.toSpec());
        spec.addOption(REDIS_PREFIX.toSpec());
        for (Opt<?> option : ServerOptions.ALL) {
            spec.addOption(option.toSpec());
        }
        spec.addOption(URL_FILE.toSpec());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    @Override
    public Integer call() throws CliException {
        ServerOptions.check(spec);
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
        try (JedisPooled redis = RedisClients.pooled(url, "ssewatch-relay", 2_000, 5_000);
                RelayRuns runs = new RelayRuns(url, keys, redis, config.stream(), console::say)) {
            Listener listener;
            try {
                listener = Listener.start(config, Gates.around(new RelayHandler(runs), config.token(), config.auth()));
            } catch (ServerStartException e) {
                throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
            }
            try {
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
                listener.close();
            }
        }
    }
}
