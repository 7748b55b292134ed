package org.ssewatch.web.access;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormEncodedDataDefinition;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request that changes something (start a run, cancel one) must pass, in this order,
 * cheapest first, so a flood from other sites never costs a bcrypt:
 * <ol>
 * <li>POST, or 405 with {@code Allow: POST};
 * <li>not from another site: {@code Sec-Fetch-Site}, when sent, is {@code same-origin}, and
 *     {@code Origin}, when sent, is one of the server's own {@link Origins} (403);
 * <li>an operator's HTTP Basic credentials ({@link Operators}), or 401 with a challenge;
 * <li>a CSRF token of that operator ({@link CsrfTokens}) in the {@value #TOKEN_HEADER} header or
 *     the {@value #TOKEN_FIELD} form field (403).
 * </ol>
 * A request with neither {@code Origin} nor {@code Sec-Fetch-Site} whose body is
 * {@code application/json} needs no token: browsers send {@code Origin} with every cross-origin
 * POST, and a JSON body from another origin needs a CORS preflight this server never grants, so
 * such a request comes from a script (curl, a webhook), which has the operator's password anyway.
 * The operator's name is then in the exchange under {@link #OPERATOR}, for the next handler to
 * record; a form that was read is under {@link FormDataParser#FORM_DATA}.
 */
public final class MutationGuard implements HttpHandler {
    public static final AttachmentKey<String> OPERATOR = AttachmentKey.create(String.class);
    public static final String TOKEN_HEADER = "X-CSRF-Token";
    public static final String TOKEN_FIELD = "csrf";
    private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");
    private static final FormParserFactory FORMS = FormParserFactory.builder(false).addParser(new FormEncodedDataDefinition()).build();

    private final Operators operators;
    private final CsrfTokens tokens;
    private final Origins origins;
    private final HttpHandler next;

    public MutationGuard(Operators operators, CsrfTokens tokens, Origins origins, HttpHandler next) {
        this.operators = operators;
        this.tokens = tokens;
        this.origins = origins;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (!ex.getRequestMethod().equals(Methods.POST)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "POST");
            Responses.text(ex, StatusCodes.METHOD_NOT_ALLOWED, "Only POST starts or cancels a run.");
            return;
        }
        HeaderMap headers = ex.getRequestHeaders();
        String site = headers.getFirst(SEC_FETCH_SITE);
        String origin = headers.getFirst(Headers.ORIGIN);
        if (site != null && !site.equals("same-origin")) {
            Responses.text(ex, StatusCodes.FORBIDDEN, "Refused: this request comes from another site (Sec-Fetch-Site: "
                    + site + "); runs are started and cancelled from this server's own pages.");
            return;
        }
        if (origin != null && !origins.contains(origin)) {
            Responses.text(ex, StatusCodes.FORBIDDEN, "Refused: origin " + origin + " is not this server's (" + origins
                    + "); if viewers use another address, give it with --public-url.");
            return;
        }
        if (ex.isInIoThread()) {
            ex.dispatch(this); // bcrypt and reading a form block
            return;
        }
        Optional<String> operator = operators.operator(headers.getFirst(Headers.AUTHORIZATION));
        if (operator.isEmpty()) {
            Responses.operatorLogin(ex);
            return;
        }
        String token = headers.getFirst(TOKEN_HEADER);
        if (token == null) {
            token = formField(ex);
        }
        boolean script = origin == null && site == null && token == null && isJson(headers.getFirst(Headers.CONTENT_TYPE));
        if (!script && !tokens.valid(operator.get(), token)) {
            Responses.text(ex, StatusCodes.FORBIDDEN, "Refused: " + (token == null ? "no" : "not a valid")
                    + " CSRF token for operator " + operator.get() + "; reload the page and try again.");
            return;
        }
        ex.putAttachment(OPERATOR, operator.get());
        next.handleRequest(ex);
    }

    /** The token field of a urlencoded form body, or null when there is none. */
    private static String formField(HttpServerExchange ex) throws IOException {
        FormDataParser parser = FORMS.createParser(ex);
        if (parser == null) {
            return null;
        }
        ex.startBlocking();
        FormData.FormValue value = parser.parseBlocking().getFirst(TOKEN_FIELD);
        return value == null || value.isFileItem() ? null : value.getValue();
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?");
    }
}
