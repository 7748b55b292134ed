package org.ssewatch.web.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Launch;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunState;

/**
 * api/runs/events against a viewer that never reads: the list changes far more often than its
 * socket can take, through the real stream on a real hub, and what the server holds for that viewer
 * stays a small constant while a reading viewer follows every change.
 */
@Timeout(180)
class RunListBackpressureIT {
    @TempDir
    Path dir;

    /** 2 KB per event, so a socket that is not read fills after a few thousand. */
    private static final String BIG = "x".repeat(2048);

    /** The list after change {@code n}: eight runs, the newest started at {@code n}, each changed once more. */
    private static List<RunListing> listAt(int n) {
        List<RunListing> list = new ArrayList<>();
        for (int i = n; i > n - 8 && i >= 0; i--) {
            list.add(new RunListing(String.format("r%08d", i), new Launch("job", Map.of("v", BIG + n), "alice", null),
                    RunState.RUNNING, i, 0, null));
        }
        return list;
    }

    @Test
    void aViewerThatNeverReadsCostsAConstantAndCatchesUpWithTheWholeListWhenItReads() throws Exception {
        HubFixture.prepare(dir);
        try (HubFixture hub = new HubFixture(dir, false, 8);
             SseLines reader = SseLines.open(hub, "api/runs/events", null);
             Socket stuck = new Socket()) {
            RunListEvents events = hub.server.events();
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", hub.base.getPort()));
            OutputStream out = stuck.getOutputStream();
            out.write(("GET " + hub.base.getRawPath() + "api/runs/events HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (events.backlog()[2] < 2) {
                Thread.sleep(10); // both viewers connected
            }
            CompletableFuture<Map<String, String>> followed = CompletableFuture.supplyAsync(() -> follow(reader, events));

            int n = 0;
            while (events.backlog()[1] == 0) {
                assertTrue(n < 200_000, "the viewer that does not read never fell behind");
                events.update(listAt(++n));
            }
            int most = 0;
            for (int i = 0; i < 5_000; i++) {
                events.update(listAt(++n));
                most = Math.max(most, events.backlog()[0]);
            }
            assertTrue(most <= RunListEvents.MAX_UNSENT, "at most " + RunListEvents.MAX_UNSENT + " unsent per viewer, was " + most);
            assertTrue(events.backlog()[1] >= 1, "the viewer that does not read is behind");
            // the reader stops at the last version, so it must know it before that change is sent:
            // each change here is eight runs changed and one removed
            long finalVersion = events.version() + 9;
            done = finalVersion;
            events.update(listAt(++n));
            assertEquals(finalVersion, events.version());

            Map<String, String> expected = new LinkedHashMap<>();
            listAt(n).forEach(r -> expected.put(r.id(), r.launch().params().get("v")));
            assertEquals(expected, followed.get(), "the reading viewer ends with the list as it is");

            InputStream in = stuck.getInputStream();
            String tail = "";
            byte[] buf = new byte[65536];
            String wanted = "\nid:" + finalVersion + "\n";
            // the event's fields, whatever their order: from the blank line before its id to the next
            while (!tail.contains(wanted) || !tail.substring(tail.indexOf(wanted)).contains("\ndata:")) {
                int k = in.read(buf);
                assertTrue(k > 0, "the stream ended");
                tail = tail + new String(buf, 0, k, StandardCharsets.ISO_8859_1);
                tail = tail.substring(Math.max(0, tail.length() - 200_000));
            }
            int at = tail.indexOf(wanted);
            String fields = tail.substring(tail.lastIndexOf("\n\n", at) + 1, tail.indexOf("\ndata:", at) + 1);
            assertTrue(fields.contains("\nevent:runs\n"), "once it reads it gets the whole list at the current version: " + fields);
            assertEquals(0, events.backlog()[1]);
        }
    }

    private volatile long done = Long.MAX_VALUE;

    /** Applies every event the reading viewer gets until it has the last version; the list's ids and values. */
    private Map<String, String> follow(SseLines reader, RunListEvents events) {
        Map<String, String> list = new LinkedHashMap<>();
        try {
            long lastId = 0;
            while (lastId < done) {
                SseLines.Event e = reader.next();
                long id = Long.parseLong(e.id());
                assertTrue(id > lastId, "ids increase");
                lastId = id;
                JsonObject data = JsonParser.parseString(e.data()).getAsJsonObject();
                switch (e.event()) {
                    case "runs" -> {
                        list.clear();
                        for (JsonElement r : data.getAsJsonArray("runs")) {
                            put(list, r.getAsJsonObject());
                        }
                    }
                    case "run" -> put(list, data);
                    case "removed" -> list.remove(data.get("id").getAsString());
                    default -> throw new AssertionError(e.event());
                }
            }
            return list;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static void put(Map<String, String> list, JsonObject run) {
        list.put(run.get("id").getAsString(), run.getAsJsonObject("params").get("v").getAsString());
    }
}
