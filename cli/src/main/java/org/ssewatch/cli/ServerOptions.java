package org.ssewatch.cli;

import static org.ssewatch.cli.Options.AUTH;
import static org.ssewatch.cli.Options.AUTH_FILE;
import static org.ssewatch.cli.Options.BIND;
import static org.ssewatch.cli.Options.MAX_VIEWERS;
import static org.ssewatch.cli.Options.NO_TOKEN;
import static org.ssewatch.cli.Options.PORT;
import static org.ssewatch.cli.Options.PUBLIC_URL;
import static org.ssewatch.cli.Options.TLS_CERT;
import static org.ssewatch.cli.Options.TLS_KEY;
import static org.ssewatch.cli.Options.TLS_SELF_SIGNED;
import static org.ssewatch.cli.Options.TOKEN;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.ssewatch.web.BasicAuth;
import org.ssewatch.web.ServerConfig;
import org.ssewatch.web.TlsConfig;
import org.ssewatch.web.Tokens;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of the web server, which both the watcher and {@code show} take: where to listen,
 * the token, Basic auth, TLS, the viewer limit. Read from whichever command line parsed them.
 */
final class ServerOptions {
    /** The options, in the order --help lists them. */
    static final List<Opt<?>> ALL = List.of(PORT, BIND, TOKEN, NO_TOKEN, AUTH, AUTH_FILE, TLS_CERT, TLS_KEY,
            TLS_SELF_SIGNED, MAX_VIEWERS, PUBLIC_URL);

    private ServerOptions() {
    }

    /** The usage errors of server options that are each fine alone. */
    static void check(CommandSpec spec) throws CliException {
        if ((TLS_CERT.get(spec) == null) != (TLS_KEY.get(spec) == null)) {
            throw CliException.usage("--tls-cert and --tls-key go together");
        }
        if (TLS_SELF_SIGNED.get(spec) && TLS_CERT.get(spec) != null) {
            throw CliException.usage("choose --tls-self-signed or --tls-cert, not both");
        }
        if (NO_TOKEN.get(spec) && TOKEN.get(spec) != null) {
            throw CliException.usage("choose --token or --no-token, not both");
        }
        if (AUTH.get(spec) != null && AUTH_FILE.get(spec) != null) {
            throw CliException.usage("choose --auth or --auth-file, not both");
        }
    }

    /** The server's configuration; a bad value is an IllegalArgumentException saying which. */
    static ServerConfig config(CommandSpec spec) throws CliException {
        String token = TOKEN.get(spec);
        ServerConfig server = ServerConfig.defaults()
                .withBind(BIND.get(spec))
                .withPort(PORT.get(spec))
                .withToken(NO_TOKEN.get(spec) ? null : token != null ? checkedToken(token) : Tokens.generate())
                .withMaxViewers(MAX_VIEWERS.get(spec));
        URI publicUrl = PUBLIC_URL.get(spec);
        if (publicUrl != null) {
            server = server.withPublicUrl(publicUrl);
        }
        if (AUTH.get(spec) != null) {
            server = server.withAuth(BasicAuth.parse(AUTH.get(spec)));
        } else if (AUTH_FILE.get(spec) != null) {
            server = server.withAuth(readAuthFile(AUTH_FILE.get(spec)));
        }
        if (TLS_SELF_SIGNED.get(spec)) {
            server = server.withTls(TlsConfig.ephemeral());
        } else if (TLS_CERT.get(spec) != null) {
            server = server.withTls(TlsConfig.pem(TLS_CERT.get(spec), TLS_KEY.get(spec)));
        }
        return server;
    }

    private static String checkedToken(String t) {
        if (!Tokens.isStrong(t)) {
            throw new IllegalArgumentException("--token must be " + Tokens.RULE + " (got " + t.length() + " characters)");
        }
        return t;
    }

    private static BasicAuth readAuthFile(Path file) throws CliException {
        try {
            return BasicAuth.fromFile(file);
        } catch (java.io.IOException e) {
            throw CliException.usage("cannot read --auth-file " + file + ": " + e.getMessage());
        }
    }
}
