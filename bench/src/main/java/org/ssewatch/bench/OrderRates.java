package org.ssewatch.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How often ssewatch records stdout and stderr in the order the command wrote them (issue 13): a
 * generator alternates between the two, one line per write, at a fixed gap; a viewer reads the
 * run's event stream and counts the lines that arrived before one written earlier.
 */
final class OrderRates {
    private static final int LINES = 2000;
    private static final int RUNS = 5;
    private static final long[] GAPS_MICROS = {1000, 250, 100, 10, 0};

    private final List<String> ssewatch;
    private final List<String> generator;
    private final Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();
    private int seq;

    /** {@code generator}: the command that runs {@link Flood} (its arguments follow). */
    OrderRates(List<String> ssewatch, List<String> generator, Path tmp) {
        this.ssewatch = ssewatch;
        this.generator = generator;
        this.tmp = tmp;
    }

    /** A markdown table: for each gap, runs entirely in order and the share of lines out of order. */
    String measure() throws Exception {
        StringBuilder b = new StringBuilder("| stdout/stderr alternating, one line per write | runs entirely in order "
                + "| lines recorded after a later one |\n|---|---|---|\n");
        for (long gap : GAPS_MICROS) {
            b.append(rowFor("gap " + (gap >= 1000 ? gap / 1000 + " ms" : gap + " µs"), gap, false));
        }
        try {
            b.append(rowFor("gap 0 µs, `--merge-stderr`", 0, true));
        } catch (IllegalStateException e) {
            b.append("| gap 0 µs, `--merge-stderr` | not measured: ").append(e.getMessage()).append(" (a build without it?) | |\n");
        }
        return b.toString();
    }

    private String rowFor(String label, long gap, boolean merged) throws Exception {
        int inOrder = 0;
        long late = 0;
        for (int i = 0; i < RUNS; i++) {
            int n = outOfOrder(gap, merged);
            inOrder += n == 0 ? 1 : 0;
            late += n;
            System.err.println("bench: order, " + label + ", run " + (i + 1) + ": " + n + " of " + LINES + " out of order");
        }
        return String.format("| %s | %d of %d | %.2f%% |%n", label, inOrder, RUNS, 100.0 * late / (RUNS * (double) LINES));
    }

    /** One run: how many lines arrived after a line written later than them. */
    private int outOfOrder(long gap, boolean merged) throws Exception {
        Path urlFile = tmp.resolve("order-url-" + (++seq));
        Path go = tmp.resolve("order-go-" + seq);
        List<String> cmd = new ArrayList<>(ssewatch);
        cmd.addAll(List.of("--quiet", "--bind", "127.0.0.1", "--port", "0", "--url-file", urlFile.toString(), "--linger", "0s"));
        if (merged) {
            cmd.add("--merge-stderr");
        }
        cmd.add("--");
        cmd.addAll(generator);
        cmd.addAll(List.of("alternate", Integer.toString(LINES), Long.toString(gap), "--go", go.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI url = awaitUrl(urlFile, p);
            HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(url.resolve("events"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            Files.createFile(go);
            List<Integer> order = new ArrayList<>();
            String type = null;
            for (Iterator<String> it = r.body().iterator(); it.hasNext();) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ") && ("stdout".equals(type) || "stderr".equals(type))) {
                    String text = JsonParser.parseString(line.substring(6)).getAsJsonObject().get("text").getAsString();
                    order.add(Integer.parseInt(text.substring(2)));
                } else if (line.isEmpty() && "exit".equals(type)) {
                    break;
                }
            }
            if (order.size() != LINES) {
                throw new IllegalStateException("order: " + order.size() + " lines of " + LINES + " arrived");
            }
            int late = 0;
            int highest = 0;
            for (int n : order) {
                if (n < highest) {
                    late++;
                }
                highest = Math.max(highest, n);
            }
            return late;
        } finally {
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static URI awaitUrl(Path urlFile, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(urlFile) || Files.readString(urlFile).isBlank()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("order: ssewatch printed no URL");
            }
            Thread.sleep(20);
        }
        return URI.create(Files.readString(urlFile).trim());
    }
}
