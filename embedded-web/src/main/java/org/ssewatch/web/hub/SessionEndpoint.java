package org.ssewatch.web.hub;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Optional;
import org.ssewatch.web.access.CsrfTokens;
import org.ssewatch.web.access.MutationGuard;
import org.ssewatch.web.access.Operators;
import org.ssewatch.web.access.Responses;

/**
 * {@code GET api/session}: asks for an operator's HTTP Basic credentials, and answers who is
 * logged in with a CSRF token for the page's POSTs ({@code {"operator","csrf","header"}}). The
 * hub's page has a login form of its own and says so with {@value #FROM_PAGE}: it gets a 403
 * without a challenge instead, since a challenge makes a browser open its own password dialog
 * over the page.
 */
final class SessionEndpoint implements HttpHandler {
    static final String FROM_PAGE = "X-SSEWatch-Login";
    private final Operators operators;
    private final CsrfTokens tokens;

    SessionEndpoint(Operators operators, CsrfTokens tokens) {
        this.operators = operators;
        this.tokens = tokens;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            ex.dispatch(this); // bcrypt blocks
            return;
        }
        Optional<String> operator = operators.operator(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (operator.isEmpty()) {
            if (ex.getRequestHeaders().contains(FROM_PAGE)) {
                Responses.text(ex, StatusCodes.FORBIDDEN, "Not logged in: wrong name or password.");
            } else {
                Responses.operatorLogin(ex);
            }
            return;
        }
        JsonAnswer.send(ex, StatusCodes.OK, HubJson.of(j -> j.writer().beginObject().name("operator").value(operator.get())
                .name("csrf").value(tokens.issue(operator.get())).name("header").value(MutationGuard.TOKEN_HEADER).endObject()));
    }
}
