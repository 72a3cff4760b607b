package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code POST /echo}: answers with exactly the bytes it received, streamed (payloads up to GiBs). */
final class EchoHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        String length = exchange.http().getRequestHeaders().getFirst("Content-Length");
        InputStream in = exchange.http().getRequestBody();
        if (length != null) {
            long size = Long.parseLong(length);
            exchange.http().getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.stampOnly();
            exchange.http().sendResponseHeaders(200, size == 0 ? -1 : size);
        } else {
            exchange.stampOnly();
            exchange.http().sendResponseHeaders(200, 0);
        }
        try (OutputStream out = exchange.http().getResponseBody()) {
            in.transferTo(out);
        }
    }
}
