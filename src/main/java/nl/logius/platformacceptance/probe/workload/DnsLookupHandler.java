package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /dns/lookup?name=web&count=200&intervalMs=0&budgetMs=30000}: resolves a name repeatedly through
 * the platform's DNS and reports each look-up: resolved or not, how long it took, the addresses. Look-ups
 * stop when the time budget is spent (a DNS that does not answer costs a resolver timeout per look-up);
 * the answer says how many were requested and how many attempted.
 */
final class DnsLookupHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        String name = exchange.param("name");
        long count = exchange.longParam("count", 1);
        long intervalMillis = exchange.longParam("intervalMs", 0);
        long deadline = System.nanoTime() + exchange.longParam("budgetMs", 60_000) * 1_000_000;
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                InetAddress[] addresses = InetAddress.getAllByName(name);
                result.put("ok", true);
                result.put("micros", (System.nanoTime() - start) / 1_000);
                result.put("addresses", Arrays.stream(addresses).map(InetAddress::getHostAddress).sorted().toList());
            } catch (UnknownHostException e) {
                result.put("ok", false);
                result.put("micros", (System.nanoTime() - start) / 1_000);
                result.put("error", "UnknownHostException: " + e.getMessage());
            }
            results.add(result);
            Pause.millis(intervalMillis);
        }
        exchange.json(200, Map.of("name", name, "requested", count, "results", results));
    }
}
