package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The continuous prober: requests at a steady rate to a service, each result timestamped, so that the
 * harness can compute availability, outages and recovery from the timeline.
 *
 * <ul>
 *   <li>{@code POST /prober/start?url=http://web:8080/identity&ratePerSecond=20&timeoutMs=1000}</li>
 *   <li>{@code GET /prober/results} — every result so far, ordered by start time</li>
 *   <li>{@code POST /prober/stop} — stops sending, waits for requests in flight, returns every result</li>
 * </ul>
 * Requests start on a fixed schedule whatever the answers do (an open loop): a hanging request does not
 * delay the next one, so an outage shows as failures, not as a gap. A request answered after its timeout
 * counts as failed, as it would for a client that gives up then.
 */
final class ProberHandler implements Handler {

    private Run current;

    @Override
    public synchronized void handle(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/prober/start" -> {
                if (current != null) {
                    current.stop();
                }
                current = new Run(URI.create(exchange.param("url")), exchange.longParam("ratePerSecond", 20),
                        (int) exchange.longParam("timeoutMs", 1_000));
                exchange.json(200, Map.of("started", true, "url", current.url.toString()));
            }
            case "/prober/results" -> exchange.json(200, Map.of("results", current == null ? List.of() : current.results()));
            case "/prober/stop" -> {
                if (current == null) {
                    exchange.json(409, Map.of("error", "no prober running; expected POST /prober/start first"));
                    return;
                }
                current.stop();
                exchange.json(200, Map.of("results", current.results()));
            }
            default -> exchange.json(404, Map.of("error", "no endpoint " + exchange.path()));
        }
    }

    /**
     * A client gives up at its timeout, whatever held the request up (a DNS look-up that waited, a connect to
     * an address that did not answer before another one did): an answer after it is a failed request.
     */
    static ServiceClient.Result lateAsFailed(ServiceClient.Result result, int timeoutMillis) {
        if (!result.ok() || result.micros() <= timeoutMillis * 1_000L) {
            return result;
        }
        return new ServiceClient.Result(result.startEpochMicros(), result.micros(), false, result.status(),
                result.instance(), result.version(), result.address(),
                "timeout: answered after " + result.micros() / 1_000 + " ms, more than the " + timeoutMillis + " ms allowed",
                result.bodyBytes());
    }

    private static final class Run {
        private final URI url;
        private final int timeoutMillis;
        private final ServiceClient client;
        private final List<ServiceClient.Result> results = new ArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("prober-tick"));
        private final ExecutorService requests = Executors.newCachedThreadPool(daemon("prober-request"));

        Run(URI url, long ratePerSecond, int timeoutMillis) {
            this.url = url;
            this.timeoutMillis = timeoutMillis;
            this.client = new ServiceClient(Math.min(500, timeoutMillis), timeoutMillis);
            long periodMicros = 1_000_000L / Math.max(1, ratePerSecond);
            ticker.scheduleAtFixedRate(() -> requests.submit(this::probeOnce), 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        private void probeOnce() {
            ServiceClient.Result result = lateAsFailed(client.get(url), timeoutMillis);
            synchronized (results) {
                results.add(result);
            }
        }

        void stop() {
            ticker.shutdownNow();
            requests.shutdown();
            try {
                requests.awaitTermination(timeoutMillis * 3L + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Map<String, Object>> results() {
            synchronized (results) {
                return results.stream()
                        .sorted(Comparator.comparingLong(ServiceClient.Result::startEpochMicros))
                        .map(ServiceClient.Result::asMap)
                        .toList();
            }
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            return runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
