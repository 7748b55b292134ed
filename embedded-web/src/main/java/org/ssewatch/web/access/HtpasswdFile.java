package org.ssewatch.web.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of an htpasswd file ({@code USER:HASH}, blank lines and {@code #} comments skipped),
 * taking bcrypt hashes only: {@code $2y$} as {@code htpasswd -B} writes them, and {@code $2a$}
 * and {@code $2b$}. The other formats htpasswd can write are refused by name rather than
 * accepted: MD5 ({@code $apr1$}, htpasswd's default), SHA-1 ({@code {SHA}}), crypt(3) and plain
 * text are all far cheaper to guess than bcrypt, and an operator may start commands.
 */
final class HtpasswdFile {
    private HtpasswdFile() {
    }

    /** The bcrypt hash of each user, in the file's order; throws with a line for each mistake. */
    static Map<String, byte[]> parse(String file, List<String> lines) {
        Map<String, byte[]> users = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).endsWith("\r") ? lines.get(i).substring(0, lines.get(i).length() - 1) : lines.get(i);
            String at = file + ":" + (i + 1) + ": ";
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(at + "expected USER:HASH, as htpasswd -B writes it");
                continue;
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1).strip();
            String refused = refusal(hash);
            if (refused != null) {
                problems.add(at + "user \"" + user + "\": " + refused);
            } else if (firstLine.containsKey(user)) {
                problems.add(at + "user \"" + user + "\" is already on line " + firstLine.get(user));
            } else {
                firstLine.put(user, i + 1);
                users.put(user, hash.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return users;
    }

    /** Why {@code hash} is not taken, or null when it is a well-formed bcrypt hash. */
    private static String refusal(String hash) {
        String again = "; set the password again with htpasswd -B";
        if (hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$")) {
            try {
                BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.US_ASCII));
                return null;
            } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
                return "not a well-formed bcrypt hash (" + e.getMessage() + ")";
            }
        }
        if (hash.startsWith("$apr1$") || hash.startsWith("$1$")) {
            return "an MD5 hash (" + hash.substring(0, hash.indexOf('$', 1) + 1) + "), which is not accepted" + again;
        }
        if (hash.startsWith("{SHA}")) {
            return "a SHA-1 hash ({SHA}), which is not accepted" + again;
        }
        if (hash.startsWith("$5$") || hash.startsWith("$6$") || hash.startsWith("$2x$")) {
            return "a " + hash.substring(0, 4) + " hash, which is not accepted" + again;
        }
        if (hash.matches("[./0-9A-Za-z]{13}")) {
            return "a crypt(3) DES hash, which is not accepted" + again;
        }
        return "not a bcrypt hash (plain text, or a format ssewatch does not know)" + again;
    }
}
