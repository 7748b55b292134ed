package org.ssewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.logging.LDLogger;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssewatch.share.PipeRunner;

/**
 * An SSE client we did not write (LaunchDarkly's okhttp-eventsource) must receive every line a
 * command can print as exactly the decoded text, and resume anywhere without loss or duplicates.
 */
@Timeout(120)
class IndependentClientIT {
    static final List<String> ADVERSARIAL = List.of(
            "plain",
            "carriage\rreturn inside",
            "crlf\r\ninside",
            "lf\ninside",
            "nul\0byte",
            "line\u2028separator\u2029paragraph",
            "\ufeffleading bom",
            "data: looks like a field",
            "event: exit",
            "id: 999",
            "retry: 1",
            ": a comment",
            "",
            " leading space",
            "trailing space ",
            "\u001b[31mred\u001b[0m",
            "quotes \" and \\ backslashes",
            "<script>alert(1)</script>",
            "emoji 😀 and ünïcödé",
            "\ufffd replacement",
            "x".repeat(64 * 1024),
            "\0".repeat(1000));

    private static EventSource client(TestServer s, String lastEventId) {
        return client(s.url("events"), lastEventId);
    }

    /** The client reading {@code events}, from after {@code lastEventId} (or from the start, when null). */
    static EventSource client(java.net.URI events, String lastEventId) {
        EventSource.Builder b = new EventSource.Builder(ConnectStrategy.http(events)
                .readTimeout(30, TimeUnit.SECONDS))
                .errorStrategy(ErrorStrategy.alwaysThrow())
                .logger(LDLogger.none());
        if (lastEventId != null) {
            b.lastEventId(lastEventId);
        }
        return b.build();
    }

    private static String text(MessageEvent m) {
        return JsonParser.parseString(m.getData()).getAsJsonObject().get("text").getAsString();
    }

    @Test
    void everyAdversarialLineArrivesAsExactlyItsText() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String line : ADVERSARIAL) {
                s.recorder.lines("stdout").line(line);
            }
            s.exit(0);
            List<String> got = new ArrayList<>();
            try (EventSource es = client(s, null)) {
                assertEquals("start", es.readMessage().getEventName());
                for (int i = 0; i < ADVERSARIAL.size(); i++) {
                    MessageEvent m = es.readMessage();
                    assertEquals("stdout", m.getEventName());
                    assertEquals(Long.toString(i + 2), m.getLastEventId());
                    got.add(text(m));
                }
                assertEquals("exit", es.readMessage().getEventName());
            }
            assertEquals(ADVERSARIAL, got);
        }
    }

    @Test
    void rawBytesFromACommandArriveAsTheirDecodedText() throws Exception {
        try (TestServer s = TestServer.start()) {
            byte[] raw = {'a', (byte) 0xc3, (byte) 0xa9, ' ', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xed, (byte) 0xa0,
                (byte) 0x80, ' ', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '\n', 'b', '\r', '\n', 0, '\n'};
            new PipeRunner(new ByteArrayInputStream(raw), null, s.recorder, 65536, null).run();
            List<String> got = new ArrayList<>();
            try (EventSource es = client(s, null)) {
                MessageEvent m;
                while (!(m = es.readMessage()).getEventName().equals("exit")) {
                    if (m.getEventName().equals("stdin")) {
                        got.add(text(m));
                    }
                }
            }
            // Java folds the encoded surrogate ED A0 80 into one U+FFFD; either way no lone surrogate survives.
            assertEquals(List.of("a\u00e9 \ufffd\ufffd \ufffd 😀", "b", "\0"), got);
        }
    }

    @Test
    void resumingAtRandomCutPointsLosesAndRepeatsNothing() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 3000; i++) {
                    s.recorder.lines(i % 3 == 0 ? "stderr" : "stdout").line(ADVERSARIAL.get(i % ADVERSARIAL.size()) + " #" + i);
                    if (i % 500 == 0) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                s.exit(0);
            });
            writer.start();
            Random random = new Random(42);
            List<Long> ids = new ArrayList<>();
            String last = null;
            boolean ended = false;
            while (!ended) {
                int cut = 1 + random.nextInt(400);
                try (EventSource es = client(s, last)) {
                    for (int i = 0; i < cut; i++) {
                        MessageEvent m = es.readMessage();
                        ids.add(Long.parseLong(m.getLastEventId()));
                        last = m.getLastEventId();
                        if (m.getEventName().equals("exit")) {
                            ended = true;
                            break;
                        }
                    }
                }
            }
            writer.join();
            assertEquals(s.journal.lastId(), ids.size());
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(i + 1, ids.get(i));
            }
        }
    }

    @Test
    void pollingDeliversTheSameTextsAndResumesAnywhere() throws Exception {
        try (TestServer s = TestServer.start().started()) {
            for (String line : ADVERSARIAL) {
                s.recorder.lines("stdout").line(line);
            }
            s.exit(0);
            List<String> got = new ArrayList<>();
            Random random = new Random(7);
            long after = 0;
            boolean done = false;
            while (!done) {
                JsonObject o = JsonParser.parseString(s.get("poll?after=" + after + "&max=" + (1 + random.nextInt(5))).body())
                        .getAsJsonObject();
                for (var e : o.getAsJsonArray("events")) {
                    JsonObject ev = e.getAsJsonObject();
                    if (ev.get("type").getAsString().equals("stdout")) {
                        got.add(ev.getAsJsonObject("data").get("text").getAsString());
                    }
                }
                after = o.get("last").getAsLong();
                done = o.get("done").getAsBoolean();
            }
            assertEquals(ADVERSARIAL, got);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
