package nl.logius.platformacceptance.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.logius.platformacceptance.target.SecretMasking;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.traffic.ControlTrafficLog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's side of the probe workload: asks the probe in one instance to measure from inside the
 * platform, and returns what it measured. It asserts nothing (only checks do); a probe that cannot be
 * reached or answers with an error is a {@link PlatformException}, which breaks the check.
 *
 * <p>Every call goes through REST Assured with the {@link ControlTrafficLog} filter, so the requests and answers a
 * verdict rests on are in the evidence, one log per check. How the probe is reached is the driver's {@link ProbeTransport} (a published
 * port, the API server's pod proxy), asked anew for every call because a platform may move it (a restarted
 * instance gets a new port on the local platform).
 */
public final class ProbeClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String instanceName;
    private final ProbeTransport transport;

    public ProbeClient(String instanceName, ProbeTransport transport) {
        this.instanceName = instanceName;
        this.transport = transport;
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

    /**
     * Opens {@code count} TCP connections to {@code host:port} from inside the platform, up to
     * {@code concurrency} at once, so that attempts a network drops (each waits out its timeout) do not add up.
     */
    public List<ConnectAttempt> connect(String host, int port, int count, Duration timeout, int concurrency) {
        Duration deadline = timeout.multipliedBy((count + concurrency - 1) / Math.max(1, concurrency)).plusSeconds(30);
        return get("/tcp/connect", Map.of("host", host, "port", port, "count", count, "timeoutMs", timeout.toMillis(),
                "concurrency", concurrency), deadline, ConnectAttempts.class).results();
    }

    /**
     * Round-trip times of {@code count} GET requests to {@code url} from inside the platform, each on a new
     * connection, the name resolved once; up to {@code warmup} requests, for at most {@code warmupTime}, before
     * them warm the probe's and the service's code and come back apart. Within {@code budget} (warm-up
     * included): the result may hold fewer requests than asked.
     */
    public LatencyRun latency(String url, int count, int warmup, Duration warmupTime, Duration requestTimeout,
                              Duration budget) {
        return get("/http/latency", Map.of("url", url, "count", count, "warmup", warmup, "warmupMs", warmupTime.toMillis(),
                "timeoutMs", requestTimeout.toMillis(), "budgetMs", budget.toMillis()),
                budget.plus(requestTimeout).plusSeconds(30), LatencyRun.class);
    }

    /**
     * Echoes payloads of each size {@code repetitions} times through {@code url} (a probe's {@code /echo}) from
     * inside the platform, and compares the SHA-256 of what came back with that of what was sent.
     */
    public List<EchoResult> echo(String url, List<Long> sizesBytes, int repetitions, Duration echoTimeout) {
        String sizes = String.join(",", sizesBytes.stream().map(String::valueOf).toList());
        Duration deadline = echoTimeout.multipliedBy((long) sizesBytes.size() * repetitions).plusSeconds(30);
        return get("/http/echo-check", Map.of("url", url, "sizes", sizes, "repetitions", repetitions,
                "timeoutMs", echoTimeout.toMillis()), deadline, EchoResults.class).results();
    }

    /**
     * For each idle time, at the same time, one keep-alive connection to {@code url} (a probe's
     * {@code /connection}): a request, the idle time, and a request on the same connection.
     */
    public List<KeepAliveResult> keepAlive(String url, List<Duration> idleTimes, Duration requestTimeout) {
        String idle = String.join(",", idleTimes.stream().map(d -> String.valueOf(d.toMillis())).toList());
        Duration longest = idleTimes.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        return get("/http/keepalive", Map.of("url", url, "idleMs", idle, "timeoutMs", requestTimeout.toMillis()),
                longest.plus(requestTimeout.multipliedBy(3)).plusSeconds(30), KeepAliveResults.class).results();
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

    /**
     * Writes {@code count} files of {@code bytes} random bytes into {@code dir} (named {@code prefix0.bin},
     * {@code prefix1.bin}, ...), each fsync'ed, then fsyncs the folder: when it answers, files and names are
     * durable.
     */
    public List<FileWritten> writeMany(String dir, String prefix, int count, long bytes, long seed) {
        return post("/files/write-many", Map.of("dir", dir, "prefix", prefix, "count", count, "bytes", bytes, "seed", seed),
                Duration.ofMinutes(5), FilesWritten.class).files();
    }

    /** The SHA-256 and size of every file in {@code dir} as read back now. */
    public List<FileChecksum> checksums(String dir) {
        return get("/files/checksums", Map.of("dir", dir), Duration.ofMinutes(5), FileChecksums.class).files();
    }

    /**
     * Reads {@code path} again and again until its SHA-256 is {@code sha256} or {@code budget} ran out: how
     * soon this instance sees what another one wrote.
     */
    public ContentSeen awaitContent(String path, String sha256, Duration budget) {
        return get("/files/await", Map.of("path", path, "sha256", sha256, "budgetMs", budget.toMillis()),
                budget.plusSeconds(30), ContentSeen.class);
    }

    /** Total and usable bytes of the file system that holds {@code path}, as the workload sees it. */
    public StorageSpace space(String path) {
        return get("/storage/space", Map.of("path", path), Duration.ofSeconds(10), StorageSpace.class);
    }

    /**
     * Writes {@code bytes} sequentially to {@code path} in 1 MiB blocks (O_DIRECT where the file system
     * allows it) and fsyncs; stops early once {@code stopAfter} has passed.
     */
    public SequentialWrite sequentialWrite(String path, long bytes, Duration stopAfter) {
        return post("/storage/sequential-write", Map.of("path", path, "bytes", bytes, "stopAfterMs", stopAfter.toMillis()),
                stopAfter.plusMinutes(5), SequentialWrite.class);
    }

    /**
     * Appends {@code count} writes of {@code bytes} bytes to {@code path}, each followed by fsync, and returns
     * the time of each; stops early after {@code stopAfterSlow} writes slower than {@code slow}, or when
     * {@code budget} ran out.
     */
    public SyncedWrites syncedWrites(String path, int count, int bytes, Duration slow, int stopAfterSlow, Duration budget) {
        return post("/storage/synced-writes", Map.of("path", path, "count", count, "bytes", bytes,
                "slowMicros", slow.toNanos() / 1_000, "stopAfterSlow", stopAfterSlow, "budgetMs", budget.toMillis()),
                budget.plusSeconds(30), SyncedWrites.class);
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

    /**
     * Asks the probe to crash itself: it answers, then halts its JVM at once ({@code Runtime.halt}, no shutdown
     * hooks), as a process that dies abnormally; the platform sees its main process exit with a failure.
     *
     * @return when the probe says it halts (its clock)
     */
    public Instant crash() {
        return Instant.parse((String) post("/disrupt/crash", Map.of(), Duration.ofSeconds(10), Map.class).get("haltsAt"));
    }

    /**
     * Puts the probe in its hang mode: every request but {@code /disrupt/thaw} (health checks and traffic
     * included) is held without an answer, its connection kept open, until {@link #thaw()}.
     *
     * @return when the probe started hanging (its clock)
     */
    public Instant hang() {
        return Instant.parse((String) post("/disrupt/hang", Map.of(), Duration.ofSeconds(10), Map.class).get("hangingSince"));
    }

    /** Ends the hang mode; the held requests are answered. */
    public Instant thaw() {
        return Instant.parse((String) post("/disrupt/thaw", Map.of(), Duration.ofSeconds(10), Map.class).get("thawedAt"));
    }

    /** How the probe is reached, for people. */
    public String transport() {
        return transport.describe();
    }

    private <T> T get(String path, Map<String, ?> query, Duration deadline, Class<T> type) {
        return call("GET", path, query, deadline, type);
    }

    private <T> T post(String path, Map<String, ?> query, Duration deadline, Class<T> type) {
        return call("POST", path, query, deadline, type);
    }

    private <T> T call(String method, String path, Map<String, ?> query, Duration deadline, Class<T> type) {
        try {
            return read(request(deadline).queryParams(query).request(method, path), path, type);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(path, e);
        }
    }

    private RequestSpecification request(Duration deadline) {
        RestAssuredConfig config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", (int) CONNECT_TIMEOUT.toMillis())
                .setParam("http.socket.timeout", (int) deadline.toMillis()));
        return transport.request(SecretMasking.withSensitiveHeadersHidden(config)).filter(new ControlTrafficLog());
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

    /**
     * Requests timed by {@link #latency}: {@code warmup} warmed the probe and are not measurements.
     *
     * @param requested how many measured requests were asked for
     */
    public record LatencyRun(String url, int requested, List<RequestResult> warmup, List<RequestResult> results) {
    }

    /**
     * One echo made from inside the platform.
     *
     * @param identical     whether the answer was complete and its SHA-256 equals the payload's
     * @param receivedBytes how many bytes came back (fewer when the connection was cut)
     */
    public record EchoResult(long bytes, int repetition, boolean identical, String sentSha256, String receivedSha256,
                             long receivedBytes, int status, String instance, String address, long micros, String error) {
    }

    /**
     * One keep-alive connection held idle from inside the platform.
     *
     * @param firstPeer     the connection as the server saw it on the first request
     * @param closedAfterMs after how long idle the connection was closed, when that was seen; else null
     * @param secondServed  whether the request after the idle time was answered
     * @param sameConnection whether the server saw that request on the same connection as the first
     */
    public record KeepAliveResult(long idleMs, String firstPeer, Long closedAfterMs, Long idledMs, boolean secondServed,
                                  String secondPeer, boolean sameConnection, String error) {
    }

    /** A file written by the probe, with the SHA-256 of what it wrote. */
    public record FileWritten(String path, long bytes, String sha256, long micros, boolean fsync) {
    }

    /** A file as read back by the probe. */
    public record FileChecksum(String path, long bytes, String sha256, long micros) {
    }

    /**
     * A file read again and again until it had the expected content.
     *
     * @param matched    whether the expected content was read within the budget
     * @param micros     how long it took (the whole budget when it did not match)
     * @param lastSha256 what was read last ({@code absent} when there was no file)
     */
    public record ContentSeen(String path, boolean matched, long micros, int reads, String lastSha256) {
    }

    /** The file system under a path, as a workload sees it (statvfs). */
    public record StorageSpace(String path, long totalBytes, long usableBytes) {
    }

    /**
     * A sequential write and its fsync, timed from opening the file to the end of the fsync.
     *
     * @param direct       whether the blocks bypassed the page cache (O_DIRECT)
     * @param stoppedEarly whether the write stopped at its time limit before all bytes were written
     */
    public record SequentialWrite(String path, long bytesRequested, long bytesWritten, long micros, int blockBytes,
                                  boolean direct, boolean stoppedEarly) {
    }

    /**
     * Synced small writes, one time per write-plus-fsync.
     *
     * @param micros         each write-plus-fsync, in order
     * @param stoppedBecause why it stopped before {@code count} writes: {@code slow} (enough slow writes),
     *                       {@code budget} (time ran out), or empty when it did not
     */
    public record SyncedWrites(String path, int count, int bytes, List<Long> micros, String stoppedBecause) {

        public boolean stoppedBySlowWrites() {
            return "slow".equals(stoppedBecause);
        }
    }

    private record FilesWritten(String dir, List<FileWritten> files) {
    }

    private record FileChecksums(String dir, List<FileChecksum> files) {
    }

    private record DnsLookups(String name, List<DnsLookup> results) {
    }

    private record RequestResults(String url, List<RequestResult> results) {
    }

    private record ConnectAttempts(String host, int port, List<ConnectAttempt> results) {
    }

    private record EchoResults(String url, List<EchoResult> results) {
    }

    private record KeepAliveResults(String url, List<KeepAliveResult> results) {
    }
}
