package org.ssewatch.web.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The operators of {@code serve --operators FILE}: who may start and cancel runs, by HTTP Basic
 * against the bcrypt hashes {@code htpasswd -B} writes (see {@link HtpasswdFile} for what else is
 * refused). The file is looked at (its time, size and inode; no watcher thread) at each use and
 * read again when it changed, so an operator added with htpasswd can log in at once, and one
 * removed is out at once. A file changed into one with a mistake, or removed, lets nobody in
 * until it is fixed, and the problem goes to {@code warnings} once.
 *
 * <p>A user who is not in the file costs a bcrypt verification too, against a dummy hash at the
 * file's highest cost, so response times do not tell which users exist. Credentials that passed
 * are remembered ({@link VerifiedCredentials}) until the file changes.
 */
public final class Operators {
    /** bcrypt truncates at 72 bytes, as htpasswd does; the library's default would throw instead. */
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(null, LongPasswordStrategies.none());
    /** htpasswd -B's default cost, for the dummy hash of a file with no users. */
    private static final int DEFAULT_COST = 5;

    /** One version of the file, as read. */
    private record Snapshot(long generation, Map<String, byte[]> users, byte[] dummy) {
    }

    private final Path file;
    private final ChangingFile watched;
    private final Consumer<String> warnings;
    private final VerifiedCredentials verified = new VerifiedCredentials();
    private final AtomicLong bcrypts = new AtomicLong();
    private volatile Snapshot current;

    private Operators(Path file, Consumer<String> warnings) throws IOException {
        this.file = file;
        this.watched = new ChangingFile(file);
        this.warnings = warnings;
        Map<String, byte[]> users = HtpasswdFile.parse(file.toString(), lines(watched.read()));
        this.current = new Snapshot(0, users, dummyFor(users));
    }

    /**
     * Reads {@code file}; throws {@link IllegalArgumentException} with a {@code FILE:LINE: what}
     * line for each mistake, so the server does not start with a file it cannot fully use.
     */
    public static Operators load(Path file, Consumer<String> warnings) throws IOException {
        return new Operators(file, warnings);
    }

    /** The operator that the {@code Authorization} header {@code header} authenticates, if any. */
    public Optional<String> operator(String header) {
        Optional<BasicCredentials> given = BasicCredentials.parse(header);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        BasicCredentials c = given.get();
        Snapshot s = snapshot();
        String remembered = verified.lookUp(c, s.generation());
        if (remembered != null) {
            return Optional.of(remembered);
        }
        byte[] hash = s.users().get(c.user());
        bcrypts.incrementAndGet();
        boolean match = VERIFYER.verify(c.password().getBytes(StandardCharsets.UTF_8), hash != null ? hash : s.dummy()).verified;
        if (hash == null || !match) {
            return Optional.empty();
        }
        verified.remember(c, s.generation());
        return Optional.of(c.user());
    }

    /** The operators' names, as the file now has them. */
    public Set<String> names() {
        return snapshot().users().keySet();
    }

    /** How many bcrypt verifications were made; tests see with it that the cache and the dummy work. */
    long bcryptCount() {
        return bcrypts.get();
    }

    int dummyCost() {
        return Integer.parseInt(new String(snapshot().dummy(), 4, 2, StandardCharsets.US_ASCII));
    }

    private synchronized Snapshot snapshot() {
        watched.changes().ifPresent(v -> current = reread(v, current.generation() + 1));
        return current;
    }

    private Snapshot reread(ChangingFile.Version version, long generation) {
        Map<String, byte[]> users = Map.of();
        String problem = version.unreadable();
        if (problem == null) {
            try {
                users = HtpasswdFile.parse(file.toString(), lines(version.content()));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage().replace("\n", "; ");
            }
        }
        if (problem != null) {
            warnings.accept("ssewatch: " + file + " changed and cannot be used, so nobody can operate until it is fixed: " + problem);
        }
        return new Snapshot(generation, users, dummyFor(users));
    }

    private static List<String> lines(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).lines().toList();
    }

    /** A hash of a random password at the file's highest cost, for users who are not in it. */
    private static byte[] dummyFor(Map<String, byte[]> users) {
        int cost = users.values().stream().mapToInt(h -> Integer.parseInt(new String(h, 4, 2, StandardCharsets.US_ASCII)))
                .max().orElse(DEFAULT_COST);
        byte[] password = new byte[16];
        new SecureRandom().nextBytes(password);
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hash(cost, password);
    }
}
