package org.ssewatch.web.lines;

/**
 * The style that SGR sequences give the text after them, as the page's {@code applySgr} reads
 * them, and its CSS classes for {@code export.html}: flags, the 16 colours (the page's palette),
 * the 256 colours, and truecolour shown as the nearest of those 256 (one fixed style sheet, so
 * the export needs no style attributes and its policy allows no inline style but that sheet).
 */
final class Sgr {
    private static final int NONE = -1;
    /** Inverse of a default colour: the background's colour as foreground, and so on. */
    private static final int DEFAULT = -2;

    private boolean bold;
    private boolean dim;
    private boolean italic;
    private boolean underline;
    private boolean inverse;
    private boolean strike;
    private boolean hidden;
    private int fg = NONE;
    private int bg = NONE;

    void apply(String params) {
        String[] parts = params.isEmpty() ? new String[] {"0"} : params.split(";", -1);
        for (int k = 0; k < parts.length; k++) {
            String[] sub = parts[k].split(":", -1);
            int code = sub[0].isEmpty() ? 0 : number(sub[0]);
            if (code == 38 || code == 48) {
                String[] args;
                if (sub.length > 1) {
                    args = java.util.Arrays.copyOfRange(sub, 1, sub.length);
                } else {
                    int n = k + 1 < parts.length && parts[k + 1].equals("2") ? 4 : 2;
                    args = java.util.Arrays.copyOfRange(parts, k + 1, Math.min(parts.length, k + 1 + n));
                    k += args.length;
                }
                int colour = extended(args);
                if (colour != NONE) {
                    if (code == 38) {
                        fg = colour;
                    } else {
                        bg = colour;
                    }
                }
            } else {
                simple(code, sub);
            }
        }
    }

    private void simple(int code, String[] sub) {
        switch (code) {
            case 0 -> reset();
            case 1 -> bold = true;
            case 2 -> dim = true;
            case 3 -> italic = true;
            case 4 -> underline = sub.length < 2 || !sub[1].equals("0");
            case 7 -> inverse = true;
            case 8 -> hidden = true;
            case 9 -> strike = true;
            case 21 -> underline = true;
            case 22 -> {
                bold = false;
                dim = false;
            }
            case 23 -> italic = false;
            case 24 -> underline = false;
            case 27 -> inverse = false;
            case 28 -> hidden = false;
            case 29 -> strike = false;
            case 39 -> fg = NONE;
            case 49 -> bg = NONE;
            default -> {
                if (code >= 30 && code <= 37) {
                    fg = code - 30;
                } else if (code >= 40 && code <= 47) {
                    bg = code - 40;
                } else if (code >= 90 && code <= 97) {
                    fg = code - 90 + 8;
                } else if (code >= 100 && code <= 107) {
                    bg = code - 100 + 8;
                }
            }
        }
    }

    private void reset() {
        bold = dim = italic = underline = inverse = strike = hidden = false;
        fg = bg = NONE;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return NONE;
        }
        return Integer.parseInt(s);
    }

    /** {@code 5;n} or {@code 2;r;g;b} (or {@code 2;cs;r;g;b}), as a 256-colour index. */
    private static int extended(String[] args) {
        if (args.length >= 2 && args[0].equals("5")) {
            int n = number(args[1]);
            return n >= 0 && n <= 255 ? n : NONE;
        }
        if (args.length >= 4 && args[0].equals("2")) {
            int o = args.length >= 5 ? 2 : 1;
            int r = number(args[o]);
            int g = number(args[o + 1]);
            int b = number(args[o + 2]);
            if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255) {
                return NONE;
            }
            return nearest(r, g, b);
        }
        return NONE;
    }

    private static final int[] CUBE = {0, 95, 135, 175, 215, 255};

    /** The xterm colour (16-255) nearest to r, g, b: the closer of the 6x6x6 cube and the grey ramp. */
    static int nearest(int r, int g, int b) {
        int ri = step(r);
        int gi = step(g);
        int bi = step(b);
        int cube = 16 + 36 * ri + 6 * gi + bi;
        int cubeDist = dist(r, g, b, CUBE[ri], CUBE[gi], CUBE[bi]);
        int greyIndex = Math.max(0, Math.min(23, Math.round(((r + g + b) / 3f - 8) / 10f)));
        int grey = 8 + 10 * greyIndex;
        return dist(r, g, b, grey, grey, grey) < cubeDist ? 232 + greyIndex : cube;
    }

    private static int step(int v) {
        int best = 0;
        for (int i = 1; i < CUBE.length; i++) {
            if (Math.abs(CUBE[i] - v) < Math.abs(CUBE[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static int dist(int r, int g, int b, int r2, int g2, int b2) {
        return (r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2);
    }

    /** The classes for the current style, or null when it is plain. */
    String classes() {
        int f = fg;
        int g = bg;
        if (inverse) {
            f = bg == NONE ? DEFAULT : bg;
            g = fg == NONE ? DEFAULT : fg;
        }
        StringBuilder c = new StringBuilder();
        flag(c, bold, "b");
        flag(c, dim, "d");
        flag(c, italic, "i");
        flag(c, underline, "u");
        flag(c, strike, "s");
        flag(c, hidden, "h");
        flag(c, f != NONE, f == DEFAULT ? "fi" : "f" + f);
        flag(c, g != NONE, g == DEFAULT ? "gi" : "g" + g);
        return c.length() == 0 ? null : c.toString();
    }

    private static void flag(StringBuilder c, boolean on, String name) {
        if (on) {
            if (c.length() > 0) {
                c.append(' ');
            }
            c.append(name);
        }
    }

    /** The colour rules: classes f0-f255 and g0-g255. */
    static String colourRules() {
        StringBuilder css = new StringBuilder();
        for (int n = 0; n < 256; n++) {
            String colour = n < 16 ? "var(--ansi-" + n + ")" : rgb(n);
            css.append(".f").append(n).append("{color:").append(colour).append("}.g").append(n)
                    .append("{background:").append(colour).append("}\n");
        }
        return css.toString();
    }

    private static String rgb(int n) {
        if (n >= 232) {
            int grey = 8 + (n - 232) * 10;
            return String.format("#%02x%02x%02x", grey, grey, grey);
        }
        int c = n - 16;
        return String.format("#%02x%02x%02x", CUBE[c / 36], CUBE[(c / 6) % 6], CUBE[c % 6]);
    }
}
