package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /http/get?url=http://web:8080/identity&count=1000&timeoutMs=2000&budgetMs=60000}: sends requests
 * one after the other from inside the platform and reports each: outcome, latency, which instance answered.
 * Requests stop when the time budget is spent; the answer says how many were requested.
 */
final class HttpGetHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        URI url = URI.create(exchange.param("url"));
        long count = exchange.longParam("count", 1);
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 2_000);
        long intervalMillis = exchange.longParam("intervalMs", 0);
        long deadline = System.nanoTime() + exchange.longParam("budgetMs", 120_000) * 1_000_000;
        ServiceClient client = new ServiceClient(Math.min(timeoutMillis, 1_000), timeoutMillis);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            results.add(client.get(url).asMap());
            Pause.millis(intervalMillis);
        }
        exchange.json(200, Map.of("url", url.toString(), "requested", count, "results", results));
    }
}
