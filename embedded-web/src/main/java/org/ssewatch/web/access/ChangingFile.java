package org.ssewatch.web.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A small file that someone may edit while the server uses it, checked on use rather than by a
 * watcher thread: a look at its {@link FileStamp} is enough, except just after a change. File
 * times tick in steps of a few milliseconds, so two edits within one step can leave the same
 * time (and, for the same user's new password, the same size); while the file's time is within
 * {@link #RACY} of when it was read, its content is read and compared too (as git does for its
 * "racily clean" index entries).
 */
final class ChangingFile {
    static final Duration RACY = Duration.ofSeconds(2);

    /** A version of the file: its bytes, or why it cannot be read. */
    record Version(byte[] content, String unreadable) {
    }

    private final Path path;
    private FileStamp stamp;
    private byte[] digest;
    private boolean settled;

    ChangingFile(Path path) {
        this.path = path;
    }

    /** The file as it is now; from here on, {@link #changes()} reports versions after this one. */
    synchronized byte[] read() throws IOException {
        FileStamp now = FileStamp.of(path);
        byte[] content = Files.readAllBytes(path);
        remember(now, content);
        return content;
    }

    /** The new version when the file changed since it was last read, or empty. */
    synchronized Optional<Version> changes() {
        FileStamp now = FileStamp.of(path);
        if (now.equals(stamp) && settled) {
            return Optional.empty();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            boolean known = now.equals(stamp) && digest == null;
            remember(now, null);
            return known ? Optional.empty() : Optional.of(new Version(null, "cannot read it (" + e + ")"));
        }
        boolean same = now.equals(stamp) && Arrays.equals(sha256(content), digest);
        remember(now, content);
        return same ? Optional.empty() : Optional.of(new Version(content, null));
    }

    private void remember(FileStamp now, byte[] content) {
        stamp = now;
        digest = content == null ? null : sha256(content);
        settled = now.modified().toInstant().plus(RACY).isBefore(Instant.now());
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
