package org.ssewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ssewatch.share.CommandRunner;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.RunConfig;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.StreamOptions;
import org.ssewatch.web.WatchServer;

/**
 * A stand-in for the ssewatch CLI, used only while {@code cli/target/ssewatch.jar} has no main
 * class: the same public pieces (a default {@link Journal}, {@link CommandRunner},
 * {@link WatchServer}) wired the way the CLI is expected to wire them, and the CLI's expected
 * flags: {@code [--port N] [--bind ADDR] [--url-file FILE] [--linger SECONDS] [--quiet] [--no-token] [--max-viewers N]
 * -- COMMAND...}. The table says which of the two was measured.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        int port = 0;
        String bind = "127.0.0.1";
        Path urlFile = null;
        Duration linger = Duration.ZERO;
        boolean quiet = false;
        boolean token = true;
        int maxViewers = StreamOptions.DEFAULT_MAX_VIEWERS;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                case "--url-file" -> urlFile = Path.of(args[++i]);
                case "--linger" -> linger = Duration.parse("PT" + args[++i].toUpperCase());
                case "--quiet" -> quiet = true;
                case "--no-token" -> token = false;
                case "--max-viewers" -> maxViewers = Integer.parseInt(args[++i]);
                case "--" -> {
                    command.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Journal journal = new Journal(JournalConfig.defaults());
        Recorder recorder = new Recorder(journal);
        ServerConfig config = ServerConfig.defaults().withBind(bind).withPort(port).withMaxViewers(maxViewers);
        String wake = System.getProperty("bench.wakeDelayMs"); // for experiments only; the CLI has no such flag
        if (wake != null) {
            StreamOptions d = StreamOptions.defaults();
            config = config.withStream(new StreamOptions(d.heartbeat(), d.retry(), d.pollHold(),
                    Duration.ofMillis(Long.parseLong(wake)), config.stream().maxViewers()));
        }
        if (token) {
            byte[] t = new byte[16];
            new SecureRandom().nextBytes(t);
            config = config.withToken(Base64.getUrlEncoder().withoutPadding().encodeToString(t));
        }
        WatchServer server = WatchServer.start(config, recorder);
        String url = server.baseUrl().toString();
        System.err.println("ssewatch: watching at " + url);
        if (urlFile != null) {
            Files.writeString(urlFile, url + "\n");
        }
        CommandRunner runner = new CommandRunner(RunConfig.of(command), recorder,
                quiet ? null : System.out, quiet ? null : System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::terminate));
        ExitStatus status = runner.run();
        Thread.sleep(linger.toMillis());
        server.awaitViewersCaughtUp(Duration.ofSeconds(30));
        server.close();
        journal.close();
        System.exit(status.status());
    }
}
