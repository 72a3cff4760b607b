package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /http/latency?url=http://web:8080/identity&count=1000&warmup=2000&warmupMs=3000&timeoutMs=2000&budgetMs=60000}:
 * round-trip times of HTTP requests to a service as a client with a DNS cache sees them. The name is
 * resolved once (KP-NET-01 measures look-ups); each request opens a new connection to the next address in
 * turn, asks with {@code Connection: close}, and is timed from the connect to the last byte of the answer.
 * The first {@code warmup} requests (or as many as {@code warmupMs} allows) warm this probe's code and the
 * service's; they are reported apart, never as results.
 */
final class HttpLatencyHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        URI url = URI.create(exchange.param("url"));
        long count = exchange.longParam("count", 1);
        long warmup = exchange.longParam("warmup", 0);
        long warmupEnd = System.nanoTime() + exchange.longParam("warmupMs", 60_000) * 1_000_000;
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 2_000);
        long deadline = System.nanoTime() + exchange.longParam("budgetMs", 120_000) * 1_000_000;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (java.net.UnknownHostException e) {
            throw new Exchange.BadRequest("cannot resolve " + url.getHost() + ": " + e.getMessage());
        }
        ServiceClient client = new ServiceClient(Math.min(timeoutMillis, 1_000), timeoutMillis);
        List<Map<String, Object>> warmupResults = new ArrayList<>();
        for (int i = 0; i < warmup && System.nanoTime() < Math.min(deadline, warmupEnd); i++) {
            warmupResults.add(client.get(at(url, addresses[i % addresses.length])).asMap());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            results.add(client.get(at(url, addresses[i % addresses.length])).asMap());
        }
        exchange.json(200, Map.of("url", url.toString(), "requested", count, "warmup", warmupResults, "results", results));
    }

    /** The URL with its host replaced by one resolved address, so that the client does not resolve again. */
    private static URI at(URI url, InetAddress address) {
        try {
            return new URI(url.getScheme(), null, address.getHostAddress(), url.getPort(), url.getPath(), url.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new Exchange.BadRequest("cannot address " + url + " at " + address + ": " + e.getMessage());
        }
    }
}
