package org.ssewatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fusesource.jansi.Ansi;

/**
 * ssewatch's own standard streams and what they are connected to. The command's output is echoed
 * to {@link #out} and {@link #err} as raw bytes, never through a filter; ssewatch's own messages go
 * to {@link #messages}, styled only on a terminal and never when NO_COLOR is set.
 */
record Console(InputStream in, OutputStream out, OutputStream err, boolean stdinIsTerminal, boolean stderrIsTerminal,
               boolean color) {

    static Console system(Map<String, String> env) {
        boolean errTty = Terminals.isatty(2);
        return new Console(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                Terminals.isatty(0), errTty, errTty && !env.containsKey("NO_COLOR"));
    }

    PrintStream messages() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** One line from ssewatch itself: "ssewatch: ...". */
    void say(String text) {
        messages().println((color ? Ansi.ansi().fgBrightBlack().a("ssewatch:").reset() : "ssewatch:") + " " + text);
    }

    /** Text to stand out on a terminal: a URL to click. */
    String emphasis(String text) {
        return color ? Ansi.ansi().bold().fgCyan().a(text).reset().toString() : text;
    }
}
