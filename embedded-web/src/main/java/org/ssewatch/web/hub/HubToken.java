package org.ssewatch.web.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ssewatch.web.Tokens;

/**
 * The hub's token, kept in {@code DATA/token} (readable by its owner only), so that the hub's link
 * is the same after a restart; made on first start.
 */
public final class HubToken {
    static final String FILE = "token";

    private HubToken() {
    }

    /**
     * The token in {@code dataDir}, made and written there when there is none.
     *
     * @throws IOException with a sentence when it cannot be read or written, or is not a token
     */
    public static String load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            String token = Tokens.generate();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n");
                return token;
            } catch (FileAlreadyExistsException e) {
                // another server made it at the same moment: read theirs
            }
        }
        String token = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        if (!Tokens.isWellFormed(token)) {
            throw new IOException(file + " does not hold a token (" + Tokens.RULE + "); remove it to have a new one made");
        }
        return token;
    }
}
