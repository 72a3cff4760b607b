package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /tcp/connect?host=10.0.0.5&port=8080&count=20&timeoutMs=1000}: opens TCP connections from inside
 * the platform and reports for each whether it was accepted (isolation checks count the ones that should
 * not be).
 */
final class TcpConnectHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        String host = exchange.param("host");
        int port = (int) exchange.longParam("port", ProbeMain.SERVICE_PORT);
        long count = exchange.longParam("count", 1);
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 1_000);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Map<String, Object> result = new LinkedHashMap<>();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), timeoutMillis);
                result.put("connected", true);
            } catch (IOException e) {
                result.put("connected", false);
                result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            result.put("micros", (System.nanoTime() - start) / 1_000);
            results.add(result);
        }
        exchange.json(200, Map.of("host", host, "port", port, "results", results));
    }
}
