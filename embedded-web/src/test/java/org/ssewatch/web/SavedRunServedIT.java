package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssewatch.share.Journal;
import org.ssewatch.share.JournalConfig;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.RunDirectory;
import org.ssewatch.share.RunSaver;
import org.ssewatch.share.SavedRun;
import org.ssewatch.share.StartInfo;

/**
 * A saved run served by the same server as a live one (a {@code Run} is what it serves), read by an
 * SSE client we did not write: every line as exactly its text, resume by id, and a run that was
 * interrupted ends with an exit event instead of leaving the client waiting.
 */
@Timeout(120)
class SavedRunServedIT {
    @TempDir
    Path tmp;

    private static JsonObject data(MessageEvent m) {
        return JsonParser.parseString(m.getData()).getAsJsonObject();
    }

    @Test
    void anInterruptedSavedRunReachesAnIndependentClientWholeAndEndsWithAnExitEvent() throws Exception {
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
        // Few events in memory: the saved journal, not memory, is what the run is read back from.
        try (Journal journal = new Journal(new JournalConfig(16, 64 * 1024, null, 0), notice -> { }, dir)) {
            Recorder recorder = new Recorder(journal);
            new RunSaver(dir, recorder, notice -> { });
            recorder.start(new StartInfo(List.of("job"), "/", "box", 7L, null, false));
            for (String line : IndependentClientIT.ADVERSARIAL) {
                recorder.lines("stdout").line(line);
            }
        } // no exit: the process died
        int lines = IndependentClientIT.ADVERSARIAL.size();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, null, StreamOptions.defaults());
        try (SavedRun run = SavedRun.open(dir.dir()); WatchServer server = WatchServer.start(config, run)) {
            URI events = server.baseUrl().resolve("events");
            try (EventSource es = IndependentClientIT.client(events, null)) {
                assertEquals("start", es.readMessage().getEventName());
                for (int i = 0; i < lines; i++) {
                    MessageEvent m = es.readMessage();
                    assertEquals(Long.toString(i + 2), m.getLastEventId());
                    assertEquals(IndependentClientIT.ADVERSARIAL.get(i), data(m).get("text").getAsString());
                }
                MessageEvent exit = es.readMessage();
                assertEquals("exit", exit.getEventName());
                assertEquals(Long.toString(lines + 2), exit.getLastEventId());
                assertEquals("interrupted", data(exit).get("reason").getAsString());
            }
            try (EventSource es = IndependentClientIT.client(events, "5")) {
                MessageEvent m = es.readMessage();
                assertEquals("6", m.getLastEventId(), "resumed after the id it was given");
                assertEquals(IndependentClientIT.ADVERSARIAL.get(4), data(m).get("text").getAsString());
            }
            assertTrue(run.journal().isComplete());
        }
    }
}
