package org.ssewatch.web.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ssewatch.share.jobs.Invocation;
import org.ssewatch.share.jobs.Job;
import org.ssewatch.share.jobs.ParamException;
import org.ssewatch.share.jobs.SubmittedParams;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.LaunchRefusedException;
import org.ssewatch.web.access.MutationGuard;
import org.ssewatch.web.access.Responses;

/**
 * {@code POST api/jobs/NAME/runs} with {@code {"params":{...}}}, behind the {@link MutationGuard}:
 * 201 with {@code {"id","url"}} and {@code Location}; 400 with the parameter's one-line refusal;
 * 409 when the job's concurrency is reached, 429 when the hub's {@code --max-running} is, 507 when
 * its {@code --max-disk} is with only running runs left.
 */
final class StartEndpoint implements HttpHandler {
    private final Hub hub;
    private final Job job;

    StartEndpoint(Hub hub, Job job) {
        this.hub = hub;
        this.job = job;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws IOException {
        ex.startBlocking();
        String body = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> submitted;
        try {
            submitted = params(body);
        } catch (IllegalArgumentException e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        Invocation invocation;
        try {
            invocation = job.invoke(submitted);
        } catch (ParamException e) {
            Responses.text(ex, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        HubRun run;
        try {
            run = hub.launcher().start(job, invocation, ex.getAttachment(MutationGuard.OPERATOR), remote(ex));
        } catch (LaunchRefusedException e) {
            int status = switch (e.limit()) {
                case JOB -> StatusCodes.CONFLICT;
                case SERVER -> 429;
                case DISK -> 507; // Insufficient Storage: until finished runs are removed or running ones end
            };
            if (status != StatusCodes.CONFLICT) {
                ex.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
            }
            Responses.text(ex, status, "Not started: " + e.getMessage() + ".");
            return;
        } catch (IOException e) {
            Responses.text(ex, StatusCodes.INTERNAL_SERVER_ERROR, "Not started: " + e.getMessage());
            return;
        }
        // Relative to this request (BASE/api/jobs/NAME/runs), so that it holds behind a proxy's path too.
        ex.getResponseHeaders().put(Headers.LOCATION, "../../../runs/" + run.id() + "/");
        JsonAnswer.send(ex, StatusCodes.CREATED, HubJson.of(j -> j.writer().beginObject().name("id").value(run.id())
                .name("url").value("runs/" + run.id() + "/").endObject()));
    }

    /** The submitted parameters; an empty body or one without {@code params} submits none. */
    private static Map<String, Object> params(String body) {
        if (body.isBlank()) {
            return Map.of();
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(body);
        } catch (RuntimeException x) {
            throw new IllegalArgumentException("the body is not JSON: send {\"params\": {...}}");
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("the body is not a JSON object: send {\"params\": {...}}");
        }
        JsonElement p = e.getAsJsonObject().get("params");
        if (p == null || p.isJsonNull()) {
            return Map.of();
        }
        if (!p.isJsonObject()) {
            throw new IllegalArgumentException("params is not an object: send {\"params\": {\"name\": value, ...}}");
        }
        return SubmittedParams.fromJson((JsonObject) p);
    }

    static String remote(HttpServerExchange ex) {
        InetSocketAddress a = ex.getSourceAddress();
        return a == null || a.getAddress() == null ? null : a.getAddress().getHostAddress();
    }
}
