package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code GET /tcp/connect?host=10.0.0.5&port=8080&count=20&timeoutMs=1000}: opens TCP connections from inside
 * the platform and reports for each whether it was accepted (isolation checks count the ones that should
 * not be). With {@code concurrency=N} up to N attempts are in flight at once, so that attempts that time out
 * (a network that drops them) do not add up.
 */
final class TcpConnectHandler implements Handler {

    @Override
    public void handle(Exchange exchange) throws IOException {
        String host = exchange.param("host");
        int port = (int) exchange.longParam("port", ProbeMain.SERVICE_PORT);
        long count = exchange.longParam("count", 1);
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 1_000);
        int concurrency = (int) Math.max(1, exchange.longParam("concurrency", 1));
        List<Map<String, Object>> results = new ArrayList<>();
        if (concurrency == 1) {
            for (int i = 0; i < count; i++) {
                results.add(attempt(host, port, timeoutMillis));
            }
        } else {
            ExecutorService attempts = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<Map<String, Object>>> running = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    running.add(attempts.submit(() -> attempt(host, port, timeoutMillis)));
                }
                for (Future<Map<String, Object>> attempt : running) {
                    results.add(attempt.get());
                }
            } catch (ExecutionException e) {
                throw new IOException("connection attempt failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                attempts.shutdownNow();
            }
        }
        exchange.json(200, Map.of("host", host, "port", port, "results", results));
    }

    private static Map<String, Object> attempt(String host, int port, int timeoutMillis) {
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
        return result;
    }
}
