package org.ssewatch.share;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The child process the tests run: a script of steps given as arguments, so each test says exactly
 * what the command does, byte for byte, without depending on shell tools.
 *
 * <pre>
 * out:TEXT  err:TEXT   write TEXT (with \n \r \t \0 \e escapes) to stdout / stderr, flushed
 * hex:HEX   hexerr:HEX write raw bytes
 * lines:N   lines-err:N write "line 1" ... "line N"
 * bytes:TEXT:MICROS   write TEXT (escapes as for out) one byte per write, MICROS apart
 * repeat:N:BYTE        write N copies of BYTE (hex) to stdout, in 64 KiB writes
 * alternate:N:MICROS   write "o I" to stdout and "e I" to stderr in turn, I = 1..N, each line its
 *                      own write, MICROS apart (busy-waiting, so that short gaps are exact)
 * sleep:MS             pause
 * drained              wait until the reader of stdout's pipe has read all of it (FIONREAD 0), so
 *                      that what is written next, on any stream, is read after it
 * stdin                copy standard input to stdout until it closes
 * spawn:ARGS           start another TestChild (ARGS joined by ','), print "child PID", don't wait
 * ignore-term          ignore SIGTERM from now on
 * self-kill:SIG        send SIG (e.g. TERM, KILL) to this process
 * exit:N               exit with status N
 * </pre>
 */
public final class TestChild {
    public static void main(String[] args) throws Exception {
        OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        OutputStream err = new java.io.FileOutputStream(java.io.FileDescriptor.err);
        for (String step : args) {
            int colon = step.indexOf(':');
            String op = colon < 0 ? step : step.substring(0, colon);
            String arg = colon < 0 ? "" : step.substring(colon + 1);
            switch (op) {
                case "out" -> write(out, unescape(arg));
                case "err" -> write(err, unescape(arg));
                case "hex" -> write(out, HexFormat.of().parseHex(arg));
                case "hexerr" -> write(err, HexFormat.of().parseHex(arg));
                case "lines" -> lines(out, Integer.parseInt(arg));
                case "lines-err" -> lines(err, Integer.parseInt(arg));
                case "bytes" -> bytes(out, arg);
                case "repeat" -> repeat(out, arg);
                case "alternate" -> alternate(out, err, arg);
                case "sleep" -> Thread.sleep(Long.parseLong(arg));
                case "drained" -> drained();
                case "stdin" -> copy(System.in, out);
                case "spawn" -> spawn(arg, out);
                case "ignore-term" -> sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> { });
                case "self-kill" -> new ProcessBuilder("kill", "-" + arg, Long.toString(ProcessHandle.current().pid()))
                        .inheritIO().start().waitFor();
                case "exit" -> Runtime.getRuntime().halt(Integer.parseInt(arg));
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    /** The command line that runs this class with the given steps. */
    public static java.util.List<String> command(String... steps) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TestChild.class.getName());
        cmd.addAll(java.util.List.of(steps));
        return cmd;
    }

    private static void drained() throws InterruptedException {
        while (PipeLevel.of(1) > 0) {
            Thread.sleep(1);
        }
    }

    private static void write(OutputStream o, String s) throws IOException {
        write(o, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream o, byte[] b) throws IOException {
        o.write(b);
        o.flush();
    }

    private static void lines(OutputStream o, int n) throws IOException {
        PrintStream p = new PrintStream(new java.io.BufferedOutputStream(o, 1 << 16), false, StandardCharsets.UTF_8);
        for (int i = 1; i <= n; i++) {
            p.print("line ");
            p.print(i);
            p.print('\n');
        }
        p.flush();
    }

    private static void bytes(OutputStream o, String arg) throws IOException, InterruptedException {
        int colon = arg.lastIndexOf(':');
        byte[] b = unescape(arg.substring(0, colon)).getBytes(StandardCharsets.UTF_8);
        long micros = Long.parseLong(arg.substring(colon + 1));
        for (byte x : b) {
            o.write(x);
            o.flush();
            java.util.concurrent.TimeUnit.MICROSECONDS.sleep(micros);
        }
    }

    private static void repeat(OutputStream o, String arg) throws IOException {
        String[] parts = arg.split(":");
        long n = Long.parseLong(parts[0]);
        byte b = (byte) Integer.parseInt(parts[1], 16);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, b);
        while (n > 0) {
            int k = (int) Math.min(n, chunk.length);
            o.write(chunk, 0, k);
            n -= k;
        }
        o.flush();
    }

    private static void alternate(OutputStream out, OutputStream err, String arg) throws IOException {
        String[] parts = arg.split(":");
        int n = Integer.parseInt(parts[0]);
        long gap = Long.parseLong(parts[1]) * 1000;
        long next = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            write(i % 2 == 1 ? out : err, (i % 2 == 1 ? "o " : "e ") + i + "\n");
            next += gap;
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
    }

    private static void copy(InputStream in, OutputStream o) throws IOException {
        byte[] b = new byte[8192];
        int n;
        while ((n = in.read(b)) >= 0) {
            o.write(b, 0, n);
            o.flush();
        }
    }

    private static void spawn(String arg, OutputStream o) throws IOException {
        Process p = new ProcessBuilder(command(arg.split(","))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        write(o, "child " + p.pid() + "\n");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case '0' -> b.append('\0');
                case 'e' -> b.append('\u001b');
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
