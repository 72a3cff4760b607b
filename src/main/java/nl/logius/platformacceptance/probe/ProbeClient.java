package nl.logius.platformacceptance.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.qameta.allure.restassured.AllureRestAssured;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.PlatformException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The harness's side of the probe workload: asks the probe in one instance to measure from inside the
 * platform, and returns what it measured. It asserts nothing (only checks do); a probe that cannot be
 * reached or answers with an error is a {@link PlatformException}, which breaks the check.
 *
 * <p>Every call goes through REST Assured with the Allure filter, so the requests and answers a verdict
 * rests on are in the evidence. The probe's address comes from a supplier because a platform may move it
 * (a restarted instance gets a new port on the local platform).
 */
public final class ProbeClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String instanceName;
    private final Supplier<URI> address;

    public ProbeClient(String instanceName, Supplier<URI> address) {
        this.instanceName = instanceName;
        this.address = address;
    }

    public Identity identity() {
        return get("/identity", Map.of(), Duration.ofSeconds(10), Identity.class);
    }

    /**
     * Resolves {@code name} up to {@code count} times through the platform's DNS, within {@code budget}; the
     * result may hold fewer look-ups than asked when the budget ran out.
     */
    public List<DnsLookup> lookUp(String name, int count, Duration budget) {
        return get("/dns/lookup", Map.of("name", name, "count", count, "budgetMs", budget.toMillis()),
                budget.plusSeconds(30), DnsLookups.class).results();
    }

    /**
     * Sends up to {@code count} GET requests to {@code url} one after the other, from inside the platform,
     * within {@code budget}; the result may hold fewer requests than asked when the budget ran out.
     */
    public List<RequestResult> get(String url, int count, Duration requestTimeout, Duration budget) {
        return get("/http/get", Map.of("url", url, "count", count, "timeoutMs", requestTimeout.toMillis(),
                "budgetMs", budget.toMillis()), budget.plus(requestTimeout).plusSeconds(30), RequestResults.class).results();
    }

    /** One GET request to {@code url} from inside the platform. */
    public RequestResult getOnce(String url, Duration requestTimeout) {
        return get(url, 1, requestTimeout, requestTimeout).get(0);
    }

    /** Opens {@code count} TCP connections to {@code host:port} from inside the platform. */
    public List<ConnectAttempt> connect(String host, int port, int count, Duration timeout) {
        Duration deadline = timeout.multipliedBy(count).plusSeconds(30);
        return get("/tcp/connect", Map.of("host", host, "port", port, "count", count, "timeoutMs", timeout.toMillis()),
                deadline, ConnectAttempts.class).results();
    }

    /** Writes {@code bytes} random bytes to {@code path}; with {@code fsync} the answer means durable. */
    public FileWritten write(String path, long bytes, boolean fsync, long seed) {
        return post("/files/write", Map.of("path", path, "bytes", bytes, "fsync", fsync, "seed", seed),
                Duration.ofMinutes(5), FileWritten.class);
    }

    /** The SHA-256 and size of a file as read back now, or empty when it does not exist. */
    public Optional<FileChecksum> checksum(String path) {
        Response response = request(Duration.ofMinutes(5)).queryParams(Map.of("path", path)).get("/files/checksum");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(response, "/files/checksum", FileChecksum.class));
    }

    public void delete(String path) {
        post("/files/delete", Map.of("path", path), Duration.ofSeconds(30), Map.class);
    }

    /** Starts the continuous prober towards {@code url} at {@code ratePerSecond}; replaces a running one. */
    public void startProber(String url, double ratePerSecond, Duration requestTimeout) {
        post("/prober/start", Map.of("url", url, "ratePerSecond", Math.round(ratePerSecond),
                "timeoutMs", requestTimeout.toMillis()), Duration.ofSeconds(10), Map.class);
    }

    /**
     * Starts the prober in write mode towards {@code url}: POST requests at {@code ratePerSecond}, each with the
     * next sequence number ({@code seq=1, 2, ...}), so that every result says which write it acknowledged.
     */
    public void startSequencedWrites(String url, double ratePerSecond, Duration requestTimeout) {
        post("/prober/start", Map.of("url", url, "method", "POST", "sequence", true,
                "ratePerSecond", Math.round(ratePerSecond), "timeoutMs", requestTimeout.toMillis()), Duration.ofSeconds(10), Map.class);
    }

    /** The running prober's results so far, of the requests that started at or after {@code since}. */
    public ProberResults proberResults(Instant since) {
        long sinceMicros = since.getEpochSecond() * 1_000_000L + since.getNano() / 1_000;
        return get("/prober/results", Map.of("sinceMicros", sinceMicros), Duration.ofSeconds(30), ProberResults.class);
    }

    /** Every sequence number in the log {@code file} that {@code /log/append} writes, as the probe reads it now. */
    public SequenceLog readSequenceLog(String file) {
        return get("/log/read", Map.of("file", file), Duration.ofSeconds(30), SequenceLog.class);
    }

    /** Stops the prober, waits for requests in flight, and returns every result in order of start. */
    public List<RequestResult> stopProber() {
        return post("/prober/stop", Map.of(), Duration.ofSeconds(60), RequestResults.class).results();
    }

    public String instanceName() {
        return instanceName;
    }

    private <T> T get(String path, Map<String, ?> query, Duration deadline, Class<T> type) {
        try {
            return read(request(deadline).queryParams(query).get(path), path, type);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(path, e);
        }
    }

    private <T> T post(String path, Map<String, ?> query, Duration deadline, Class<T> type) {
        try {
            return read(request(deadline).queryParams(query).post(path), path, type);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(path, e);
        }
    }

    private RequestSpecification request(Duration deadline) {
        URI base = address.get();
        RestAssuredConfig config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", (int) CONNECT_TIMEOUT.toMillis())
                .setParam("http.socket.timeout", (int) deadline.toMillis()));
        return RestAssured.given().config(config).baseUri(base.toString()).filter(new AllureRestAssured());
    }

    private <T> T read(Response response, String path, Class<T> type) {
        if (response.statusCode() != 200) {
            throw new PlatformException("probe " + instanceName + " answered " + path + " with HTTP "
                    + response.statusCode() + ": " + abbreviate(response.asString()));
        }
        try {
            JavaType javaType = Mappers.JSON.constructType(type);
            return Mappers.JSON.readValue(response.asString(), javaType);
        } catch (JsonProcessingException e) {
            throw new PlatformException("probe " + instanceName + " answered " + path + " with unreadable JSON", e);
        }
    }

    private PlatformException unreachable(String path, RuntimeException cause) {
        return new PlatformException("probe " + instanceName + " could not be asked for " + path + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** What a probe says it is. */
    public record Identity(String instance, String zone, String workload, String version, String startedAt, long pid) {
    }

    /** One DNS look-up made from inside the platform. */
    public record DnsLookup(boolean ok, long micros, List<String> addresses, String error) {
    }

    /**
     * One HTTP request made from inside the platform.
     *
     * @param t        start, epoch microseconds
     * @param micros   how long it took
     * @param instance which instance answered (its identity header), if any did
     * @param seq      the sequence number the request carried (a sequenced write), or null
     */
    public record RequestResult(long t, long micros, boolean ok, int status, String instance, String version,
                                String address, String error, Long seq) {

        public RequestResult(long t, long micros, boolean ok, int status, String instance, String version,
                             String address, String error) {
            this(t, micros, ok, status, instance, version, address, error, null);
        }
    }

    /**
     * A running prober's results so far.
     *
     * @param results            in order of start
     * @param settledUntilMicros every request that started before it (epoch microseconds) has its result in
     *                           {@code results}: none of them is still in flight
     */
    public record ProberResults(List<RequestResult> results, long settledUntilMicros) {
    }

    /**
     * A sequence log as the probe read it back.
     *
     * @param sequences      every sequence number it holds, in the order written
     * @param malformedLines lines that are no number (torn by a crash mid-write)
     * @param notYetWritten  writes the workload holds in memory, not yet in the file
     */
    public record SequenceLog(String file, List<Long> sequences, int malformedLines, int notYetWritten) {
    }

    /** One TCP connection attempt made from inside the platform. */
    public record ConnectAttempt(boolean connected, long micros, String error) {
    }

    /** A file written by the probe, with the SHA-256 of what it wrote. */
    public record FileWritten(String path, long bytes, String sha256, long micros, boolean fsync) {
    }

    /** A file as read back by the probe. */
    public record FileChecksum(String path, long bytes, String sha256, long micros) {
    }

    private record DnsLookups(String name, List<DnsLookup> results) {
    }

    private record RequestResults(String url, List<RequestResult> results) {
    }

    private record ConnectAttempts(String host, int port, List<ConnectAttempt> results) {
    }
}
