package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The continuous prober: requests at a steady rate to a service, each result timestamped, so that the
 * harness can compute availability, outages and recovery from the timeline.
 *
 * <ul>
 *   <li>{@code POST /prober/start?url=http://web:8080/identity&ratePerSecond=20&timeoutMs=1000}</li>
 *   <li>{@code POST /prober/start?url=http://db:8080/log/append&method=POST&sequence=true&ratePerSecond=20} — writes:
 *       each request carries the next sequence number ({@code &seq=1}, 2, ...), and each result names its own, so
 *       that the harness knows which writes were acknowledged</li>
 *   <li>{@code GET /prober/results[?sinceMicros=...]} — every result so far (that started at or after the given
 *       epoch microseconds), ordered by start time, and {@code settledUntilMicros}: every request that started
 *       before it has its result in the list (none is still in flight)</li>
 *   <li>{@code POST /prober/stop} — stops sending, waits for requests in flight, returns every result</li>
 * </ul>
 * Requests start on a fixed schedule whatever the answers do (an open loop): a hanging request does not
 * delay the next one, so an outage shows as failures, not as a gap. The timeout bounds each request as a
 * whole: a request without an answer by then, e.g. stuck in a name look-up, is recorded as failed then.
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
                String method = exchange.param("method", "GET");
                if (!method.equals("GET") && !method.equals("POST")) {
                    throw new Exchange.BadRequest("method must be GET or POST, not " + method);
                }
                current = new Run(URI.create(exchange.param("url")), method, exchange.booleanParam("sequence", false),
                        exchange.longParam("ratePerSecond", 20), (int) exchange.longParam("timeoutMs", 1_000));
                exchange.json(200, Map.of("started", true, "url", current.url.toString()));
            }
            case "/prober/results" -> {
                // Settled first, results second: a request that ends in between started after the settled moment.
                long settled = current == null ? ServiceClient.epochMicros() : current.settledUntil();
                exchange.json(200, Map.of("settledUntilMicros", settled, "results",
                        current == null ? List.of() : current.results(exchange.longParam("sinceMicros", 0))));
            }
            case "/prober/stop" -> {
                if (current == null) {
                    exchange.json(409, Map.of("error", "no prober running; expected POST /prober/start first"));
                    return;
                }
                current.stop();
                exchange.json(200, Map.of("results", current.results(0)));
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
        private final String method;
        private final boolean sequenced;
        private final int timeoutMillis;
        private final ServiceClient client;
        private final AtomicLong nextSequence = new AtomicLong(1);
        private final AtomicLong nextRequest = new AtomicLong();
        private final Map<Long, Long> inFlightStarts = new ConcurrentHashMap<>();
        private final List<Probed> results = new ArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("prober-tick"));
        private final ExecutorService requests = Executors.newCachedThreadPool(DaemonThreads.named("prober-request"));
        // The calls themselves, apart: a call stuck past its timeout is abandoned, and must not hold up stop().
        private final ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("prober-call"));

        Run(URI url, String method, boolean sequenced, long ratePerSecond, int timeoutMillis) {
            this.url = url;
            this.method = method;
            this.sequenced = sequenced;
            this.timeoutMillis = timeoutMillis;
            this.client = new ServiceClient(Math.min(500, timeoutMillis), timeoutMillis);
            long periodMicros = 1_000_000L / Math.max(1, ratePerSecond);
            ticker.scheduleAtFixedRate(() -> requests.submit(this::probeOnce), 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        private void probeOnce() {
            Long sequence = sequenced ? nextSequence.getAndIncrement() : null;
            URI target = sequence == null ? url
                    : URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "seq=" + sequence);
            long startEpochMicros = ServiceClient.epochMicros();
            long start = System.nanoTime();
            long request = nextRequest.getAndIncrement();
            inFlightStarts.put(request, startEpochMicros);
            try {
                probe(sequence, target, startEpochMicros, start);
            } finally {
                inFlightStarts.remove(request); // only once its result is in the list
            }
        }

        private void probe(Long sequence, URI target, long startEpochMicros, long start) {
            ServiceClient.Result result;
            AtomicReference<String> connectedTo = new AtomicReference<>();
            Future<ServiceClient.Result> call;
            try {
                call = calls.submit(() -> client.send(method, target, connectedTo::set));
            } catch (RejectedExecutionException e) {
                return; // the prober is stopping: this request was never sent
            }
            try {
                result = lateAsFailed(call.get(timeoutMillis, TimeUnit.MILLISECONDS), timeoutMillis);
            } catch (TimeoutException e) {
                // The timeout bounds the whole request, the name look-up included, as a client's patience does;
                // the result is known when the patience ends, not when a hanging look-up finally returns.
                call.cancel(true);
                result = late(startEpochMicros, (System.nanoTime() - start) / 1_000, connectedTo.get());
            } catch (ExecutionException e) {
                result = new ServiceClient.Result(startEpochMicros, (System.nanoTime() - start) / 1_000, false, 0, null,
                        null, null, "probe error: " + e.getCause(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (results) {
                results.add(new Probed(sequence, result));
            }
        }

        private ServiceClient.Result late(long startEpochMicros, long micros, String address) {
            return new ServiceClient.Result(startEpochMicros, micros, false, 0, null, null, address,
                    "no answer within the " + timeoutMillis + " ms timeout", 0);
        }

        void stop() {
            ticker.shutdownNow();
            requests.shutdown();
            try {
                requests.awaitTermination(timeoutMillis * 3L + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.shutdownNow();
        }

        /** Every request that started before this moment has ended and has its result in the list. */
        long settledUntil() {
            long now = ServiceClient.epochMicros();
            return Math.min(now, inFlightStarts.values().stream().mapToLong(startMicros -> startMicros - 1).min().orElse(now));
        }

        List<Map<String, Object>> results(long sinceEpochMicros) {
            synchronized (results) {
                return results.stream()
                        .filter(probed -> probed.result.startEpochMicros() >= sinceEpochMicros)
                        .sorted(Comparator.comparingLong(probed -> probed.result.startEpochMicros()))
                        .map(Probed::asMap)
                        .toList();
            }
        }

        /** One result, with the sequence number its request carried when the run numbers its requests. */
        private record Probed(Long sequence, ServiceClient.Result result) {
            Map<String, Object> asMap() {
                Map<String, Object> map = result.asMap();
                if (sequence != null) {
                    map.put("seq", sequence);
                }
                return map;
            }
        }
    }
}
