package org.ssewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The results as one markdown table, with the machine they came from, then notes and sections of their own. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Results that are not rows of the main table, each a markdown section of its own. */
    private final List<String> sections = new ArrayList<>();

    void note(String note) {
        notes.add(note);
    }

    void section(String markdown) {
        sections.add(markdown);
    }

    void row(String scenario, String result, String delivered, String latency, String cpu, String rss,
                     String target, Boolean met) {
        rows.add(new String[] {scenario, result, delivered, latency, cpu, rss,
                target.isEmpty() ? "" : target + (met == null ? "" : met ? " — **met**" : " — **MISSED**")});
    }

    String render(String measured, double totalSeconds) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("ssewatch benchmark, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("  \n");
        b.append("Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memTotal()).append(" memory; Linux ").append(System.getProperty("os.version"))
                .append("; Java ").append(System.getProperty("java.runtime.version")).append("  \n");
        b.append("Measured: ").append(measured).append("; every scenario runs alone, viewers in a separate process ")
                .append("(bench Load: NIO HTTP/1.1 clients on 127.0.0.1). Harness wall time ")
                .append(Fmt.secs(totalSeconds)).append(".\n\n");
        String[] head = {"Scenario", "Result", "Delivery (counted by every viewer)", "Latency p50 / p99, write → receipt",
                "ssewatch CPU", "ssewatch peak RSS", "Target"};
        b.append("| ").append(String.join(" | ", head)).append(" |\n");
        b.append("|").append("---|".repeat(head.length)).append("\n");
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", Arrays.stream(r).map(s -> s.isEmpty() ? "–" : s).toList()))
                    .append(" |\n");
        }
        b.append("\nCPU is ssewatch's own user+system time (not its child's) over the measured interval, as a share of one")
                .append(" core; peak RSS is VmHWM. Ingest rate = lines / time the writer spent writing them (a pipe holds only")
                .append(" 64 KiB, so the reader sets the pace).\n");
        for (String section : sections) {
            b.append('\n').append(section);
        }
        for (String n : notes) {
            b.append("\nNote: ").append(n).append('\n');
        }
        return b.toString();
    }

    private static String cpuModel() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (l.startsWith("model name")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }
}
