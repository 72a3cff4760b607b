package nl.logius.platformacceptance.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 (a free port) that answers every request with one JSON body and the given
 * headers: it stands in for a probe or an endpoint in tests of what the harness records about HTTP.
 *
 * <pre>{@code
 * try (LocalJsonServer server = LocalJsonServer.start("{\"ok\": true}", Map.of())) { ... server.url("/x") ... }
 * }</pre>
 */
public final class LocalJsonServer implements AutoCloseable {

    private final HttpServer server;

    private LocalJsonServer(HttpServer server) {
        this.server = server;
    }

    public static LocalJsonServer start(String json, Map<String, String> headers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LocalJsonServer(server);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
