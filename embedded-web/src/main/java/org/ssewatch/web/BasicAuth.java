package org.ssewatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTP Basic credentials every request must carry (on top of the token). Browsers ask once and
 * then send them with every same-origin request, the page's EventSource and polls included.
 * {@link #toString()} never shows the password.
 *
 * @param user     the user name: not empty, no colon, no control characters
 * @param password the password: not empty, no control characters
 */
public record BasicAuth(String user, String password) {
    /** The protection space browsers show and cache credentials for. */
    public static final String REALM = "ssewatch";

    public BasicAuth {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the user name is empty");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name cannot contain ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (hasControl(user) || hasControl(password)) {
            throw new IllegalArgumentException("user name and password cannot contain control characters");
        }
    }

    /** Parses {@code USER:PASS}, split at the first colon (so the password may contain colons). */
    public static BasicAuth parse(String userColonPassword) {
        int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("credentials must be given as USER:PASSWORD");
        }
        return new BasicAuth(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    /**
     * Reads {@code USER:PASS} from the first line of a file (UTF-8; the line end is not part of the
     * password), so the password need not appear in the process list or shell history.
     */
    public static BasicAuth fromFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        try {
            return parse(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Override
    public String toString() {
        return "BasicAuth[user=" + user + ", password=***]";
    }
}
