package org.ssewatch.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.ssewatch.share.EventTypes;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.StartInfo;

/** {@code GET api/status}: the state of the run as JSON. */
final class StatusEndpoint implements HttpHandler {
    private final Recorder recorder;
    private final Viewers viewers;

    StatusEndpoint(Recorder recorder, Viewers viewers) {
        this.recorder = recorder;
        this.viewers = viewers;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        JsonObject o = new JsonObject();
        StartInfo start = recorder.startInfo();
        ExitStatus exit = recorder.exitStatus();
        o.addProperty("state", start == null ? "starting" : exit == null ? "running" : "exited");
        JsonArray command = new JsonArray();
        if (start != null) {
            start.command().forEach(command::add);
        }
        o.add("command", command);
        o.addProperty("title", start == null ? null : start.title());
        o.addProperty("cwd", start == null ? null : start.cwd());
        o.addProperty("host", start == null ? null : start.host());
        o.addProperty("pid", start == null ? null : start.pid());
        o.addProperty("mode", start == null ? null : start.mode());
        o.addProperty("started", recorder.startedAt() == 0 ? null : recorder.startedAt());
        o.addProperty("ended", recorder.endedAt() == 0 ? null : recorder.endedAt());
        if (exit == null) {
            o.add("exit", null);
        } else {
            JsonObject e = new JsonObject();
            e.addProperty("status", exit.status());
            e.addProperty("code", exit.code());
            e.addProperty("signal", exit.signal());
            e.addProperty("reason", exit.reason());
            e.addProperty("message", exit.message());
            e.addProperty("duration", recorder.endedAt() - recorder.startedAt());
            o.add("exit", e);
        }
        o.addProperty("lastId", recorder.journal().lastId());
        JsonObject lines = new JsonObject();
        for (String type : new String[] {EventTypes.STDOUT, EventTypes.STDERR, EventTypes.STDIN}) {
            lines.addProperty(type, recorder.lineCount(type));
        }
        o.add("lines", lines);
        o.addProperty("viewers", viewers.count());
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(JsonText.of(o));
    }
}
