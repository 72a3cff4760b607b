package nl.logius.platformacceptance.probe.workload;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request to the probe: its query parameters, and the ways to answer it. */
final class Exchange {

    private final HttpExchange http;
    private final Map<String, String> query;
    private final ProbeIdentity identity;

    Exchange(HttpExchange http, ProbeIdentity identity) {
        this.http = http;
        this.identity = identity;
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    HttpExchange http() {
        return http;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    String param(String name) {
        String value = query.get(name);
        if (value == null) {
            throw new BadRequest("missing query parameter '" + name + "'");
        }
        return value;
    }

    String param(String name, String defaultValue) {
        return query.getOrDefault(name, defaultValue);
    }

    long longParam(String name, long defaultValue) {
        String value = query.get(name);
        try {
            return value == null ? defaultValue : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("query parameter '" + name + "' must be an integer, not '" + value + "'");
        }
    }

    boolean booleanParam(String name, boolean defaultValue) {
        String value = query.get(name);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    void json(int status, Map<String, ?> body) throws IOException {
        send(status, "application/json", Json.object(body).getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        identity.stamp(http.getResponseHeaders());
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Puts the probe's identity headers on the response, for handlers that send their own headers. */
    void stampOnly() {
        identity.stamp(http.getResponseHeaders());
    }

    /** Answers with a body of unknown length, written by the caller (chunked). */
    OutputStream stream(int status, String contentType) throws IOException {
        identity.stamp(http.getResponseHeaders());
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, 0);
        return http.getResponseBody();
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A request the probe cannot serve as asked; answered with 400 and the message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
