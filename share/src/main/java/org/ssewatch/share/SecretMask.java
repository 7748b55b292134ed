package org.ssewatch.share;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one run, replaced by {@value #MASK} in everything ssewatch stores: literal values
 * ({@code ::add-mask::}, the values of {@code maskEnv} variables) and regular expressions, which
 * apply to one line at a time. Shared by the run's streams: a value one stream adds is masked on
 * the others from then on, so the literals are an immutable snapshot swapped on each addition.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are ignored: masking every "a" or "42" in
 * a log would hide the log, not a secret worth the name.
 */
final class SecretMask {
    static final String MASK = "***";
    static final int MIN_LENGTH = 3;

    private final Pattern[] patterns;
    private volatile String[] literals = new String[0];
    private volatile byte[][] literalBytes = new byte[0][];

    SecretMask(List<Pattern> patterns) {
        this.patterns = patterns.toArray(Pattern[]::new);
    }

    /** A run's masks: the patterns, and the values of the named variables that are set. */
    static SecretMask of(List<String> regexes, List<String> variables, Map<String, String> env) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            patterns.add(RunConfig.maskPattern(regex));
        }
        SecretMask mask = new SecretMask(patterns);
        for (String name : variables) {
            String value = env.get(name);
            if (value != null) {
                mask.add(value);
            }
        }
        return mask;
    }

    /**
     * Masks {@code value} from now on. A value of several lines is masked line by line, since
     * lines are what is masked; pieces shorter than {@value #MIN_LENGTH} are ignored.
     */
    synchronized void add(String value) {
        List<String> next = new ArrayList<>(Arrays.asList(literals));
        for (String piece : value.split("[\r\n]+")) {
            if (piece.length() >= MIN_LENGTH && !next.contains(piece)) {
                next.add(piece);
            }
        }
        // Longest first, so that a secret containing another is masked whole.
        next.sort((a, b) -> b.length() - a.length());
        byte[][] bytes = new byte[next.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = next.get(i).getBytes(StandardCharsets.UTF_8);
        }
        literalBytes = bytes;
        literals = next.toArray(String[]::new);
    }

    boolean isEmpty() {
        return patterns.length == 0 && literals.length == 0;
    }

    /**
     * Whether a line given as UTF-8 may hold a secret, without decoding it: so that lines with
     * none keep the decoder's no-copy path. Regular expressions need the text, so with any of
     * them every line may.
     */
    boolean mayContain(byte[] utf8, int off, int len) {
        if (patterns.length > 0) {
            return true;
        }
        for (byte[] secret : literalBytes) {
            if (indexOf(utf8, off, len, secret) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret in it replaced; the same instance when there is none. */
    String mask(String text) {
        String[] values = literals;
        if (values.length == 0 && patterns.length == 0) {
            return text;
        }
        boolean[] hidden = null;
        for (String secret : values) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                hidden = cover(hidden, text.length(), at, at + secret.length());
            }
        }
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) { // a lookahead alone hides nothing
                    hidden = cover(hidden, text.length(), m.start(), m.end());
                }
            }
        }
        return hidden == null ? text : replace(text, hidden);
    }

    /**
     * How much of an open line may be shown now: its masked text without any tail that could
     * still grow into a secret (the start of a literal value, or text from which a pattern could
     * match once more arrives), so that a secret written slowly never shows while it is written.
     */
    String visiblePart(String text) {
        String masked = mask(text);
        int keep = masked.length();
        for (String secret : literals) {
            int from = Math.max(0, masked.length() - secret.length() + 1);
            for (int i = from; i < keep; i++) {
                if (secret.startsWith(masked.substring(i))) {
                    keep = i;
                    break;
                }
            }
        }
        for (Pattern p : patterns) {
            Matcher m = p.matcher(masked);
            for (int i = 0; i < keep; i++) {
                m.region(i, masked.length());
                m.lookingAt();
                if (m.hitEnd()) {
                    keep = i;
                    break;
                }
            }
        }
        return keep == masked.length() ? masked : masked.substring(0, keep);
    }

    private static boolean[] cover(boolean[] hidden, int length, int from, int to) {
        boolean[] h = hidden == null ? new boolean[length] : hidden;
        Arrays.fill(h, from, to, true);
        return h;
    }

    /** Each run of hidden characters becomes one mask, as overlapping secrets are one secret. */
    private static String replace(String text, boolean[] hidden) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    static int indexOf(byte[] b, int off, int len, byte[] what) {
        int last = off + len - what.length;
        byte first = what[0];
        outer:
        for (int i = off; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
