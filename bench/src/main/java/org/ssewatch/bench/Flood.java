package org.ssewatch.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The command the benchmark runs under ssewatch (its own process, so ssewatch reads a real pipe).
 *
 * <pre>
 * Flood flood COUNT BYTES [--report FILE] [--go FILE]
 *                                           COUNT lines of BYTES bytes (newline included), as fast
 *                                           as the reader takes them; FILE gets the nanoseconds from
 *                                           the first write to the last one returning
 * Flood rate RATE SECONDS [--go FILE]       RATE lines/s for SECONDS; each line is
 *                                           "T&lt;epoch micros&gt; S&lt;seq&gt; xxx..." written (and flushed)
 *                                           when due; waits for FILE to exist before the first line
 * Flood alternate COUNT MICROS [--go FILE] "o 1" to stdout, "e 2" to stderr, "o 3" ... COUNT lines,
 *                                           each its own write, MICROS apart (parked, then spinning
 *                                           for the last 60 µs, so gaps are exact); waits for FILE first
 * </pre>
 *
 * A pipe holds only 64 KiB, so once it is full every write waits for the reader: the writer's
 * elapsed time in flood mode is the reader's throughput.
 */
public final class Flood {
    /** Text of a rate line, padding included (a typical short log line). */
    static final int RATE_LINE_CHARS = 64;

    /** Appends a rate line without its newline: {@code T<micros> S<seq> xxx...}, 64 characters. */
    static void rateLine(StringBuilder sb, long micros, long seq) {
        int at = sb.length();
        sb.append('T').append(micros).append(" S").append(seq).append(' ');
        while (sb.length() - at < RATE_LINE_CHARS) {
            sb.append('x');
        }
    }

    public static void main(String[] args) throws Exception {
        String report = option(args, "--report");
        String go = option(args, "--go");
        switch (args[0]) {
            case "flood" -> {
                awaitGo(go);
                flood(Long.parseLong(args[1]), Integer.parseInt(args[2]), report);
            }
            case "rate" -> rate(Integer.parseInt(args[1]), Double.parseDouble(args[2]), go);
            case "alternate" -> alternate(Integer.parseInt(args[1]), Long.parseLong(args[2]), go);
            default -> throw new IllegalArgumentException("flood|rate|alternate: " + args[0]);
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    /**
     * A flood line of {@code bytes} bytes with its newline, {@code line 0000000 xxxx...}, to be
     * numbered by {@link #numberFloodLine}: the counter changes so no layer can cache a line.
     */
    static byte[] floodLine(int bytes) {
        byte[] line = new byte[bytes];
        byte[] head = "line ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, line, 0, head.length);
        for (int i = head.length; i < bytes - 1; i++) {
            line[i] = 'x';
        }
        line[bytes - 1] = '\n';
        return line;
    }

    /** Writes {@code n} into a {@link #floodLine}'s seven digits (modulo 10,000,000). */
    static void numberFloodLine(byte[] line, long n) {
        int digitsEnd = Math.min(line.length - 2, FLOOD_DIGITS_AT + 7);
        for (int i = digitsEnd - 1; i >= FLOOD_DIGITS_AT; i--) {
            line[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
    }

    private static final int FLOOD_DIGITS_AT = "line ".length();

    private static void flood(long count, int bytes, String report) throws IOException {
        if (bytes < 12) {
            throw new IllegalArgumentException("lines of at least 12 bytes");
        }
        byte[] line = floodLine(bytes);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] buf = new byte[64 * 1024];
        int used = 0;
        long start = System.nanoTime();
        for (long n = 1; n <= count; n++) {
            numberFloodLine(line, n);
            if (used + bytes > buf.length) {
                out.write(buf, 0, used);
                used = 0;
            }
            if (bytes > buf.length) {
                out.write(line);
            } else {
                System.arraycopy(line, 0, buf, used, bytes);
                used += bytes;
            }
        }
        out.write(buf, 0, used);
        out.flush();
        long elapsed = System.nanoTime() - start;
        if (report != null) {
            Files.writeString(Path.of(report), Long.toString(elapsed));
        }
    }

    /** Waits for the file {@code go} to exist, if one is given. */
    private static void awaitGo(String go) {
        if (go == null) {
            return;
        }
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(Path.of(go))) {
            if (System.nanoTime() > giveUp) {
                System.err.println("flood: no go signal");
                System.exit(3);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void alternate(int count, long micros, String go) throws IOException {
        awaitGo(go);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        long next = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            (i % 2 == 1 ? out : err).write(((i % 2 == 1 ? "o " : "e ") + i + "\n").getBytes(StandardCharsets.US_ASCII));
            next += micros * 1000;
            // Parked for all but the last 60 µs of a gap, spinning for those: exact gaps, without a
            // generator that takes a whole core and so competes with the readers it is measuring.
            long left = next - System.nanoTime();
            if (left > 100_000) {
                LockSupport.parkNanos(left - 60_000);
            }
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
    }

    private static void rate(int rate, double seconds, String go) throws IOException {
        awaitGo(go);
        long total = Math.round(rate * seconds);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        StringBuilder sb = new StringBuilder(RATE_LINE_CHARS * 64);
        long start = System.nanoTime();
        long written = 0;
        while (written < total) {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
            if (written < due) {
                sb.setLength(0);
                while (written < due) {
                    written++;
                    Instant now = Instant.now();
                    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                    rateLine(sb, micros, written);
                    sb.append('\n');
                }
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            long next = start + written * 1_000_000_000L / rate;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
