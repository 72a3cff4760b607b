package nl.logius.platformacceptance.traffic;

import io.qameta.allure.Allure;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's requests to its own probes (start a prober, read its results, ask for a DNS look-up), kept as one
 * log per check instead of one Allure attachment per request: a check talks to its probes hundreds of times, and
 * an auditor looks for the measurements, not for each {@code POST /prober/start}. Every request is still there,
 * in order, with its answer: method and URL, status, time taken, request headers (credential headers blacklisted
 * in REST Assured's log configuration show as {@value #BLACKLISTED}), request and response bodies.
 *
 * <p>A REST Assured {@link Filter}: the request is logged under the Allure test that is running (a request with
 * no test running is not logged, as with Allure's own filter), and the run attaches each test's log once when the
 * test ends ({@link #drain}).
 *
 * <pre>{@code
 * RestAssured.given().filter(new ControlTrafficLog()) ...
 * }</pre>
 */
public final class ControlTrafficLog implements Filter {

    static final String BLACKLISTED = "[ BLACKLISTED ]";
    /** Logs of tests nobody drained (the harness's own tests, outside a run) are dropped beyond this many. */
    private static final int MAX_PENDING_TESTS = 64;
    private static final Map<String, Log> LOGS = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Log> eldest) {
            return size() > MAX_PENDING_TESTS;
        }
    };

    /** One test's log: how many requests, and their text. */
    public record Drained(int requests, String text) {
    }

    private static final class Log {
        private final StringBuilder text = new StringBuilder();
        private int requests;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Optional<String> test = Allure.getLifecycle().getCurrentTestCase();
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        try {
            Response answer = context.next(request, response);
            test.ifPresent(uuid -> log(uuid, request, start, startNanos, answer.statusLine() + "\n" + body(answer.asString()), null));
            return answer;
        } catch (RuntimeException e) {
            test.ifPresent(uuid -> log(uuid, request, start, startNanos, null, e));
            throw e;
        }
    }

    /** Takes the log of a test out of the store; empty when that test made no request. */
    public static Optional<Drained> drain(String testUuid) {
        synchronized (LOGS) {
            Log log = LOGS.remove(testUuid);
            return log == null ? Optional.empty() : Optional.of(new Drained(log.requests, log.text.toString()));
        }
    }

    private static void log(String test, FilterableRequestSpecification request, Instant start, long startNanos, String answer,
                            RuntimeException error) {
        double millis = (System.nanoTime() - startNanos) / 1e6;
        Set<String> blacklisted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        blacklisted.addAll(request.getConfig().getLogConfig().blacklistedHeaders());
        StringBuilder entry = new StringBuilder();
        for (Header header : request.getHeaders()) {
            entry.append("  > ").append(header.getName()).append(": ")
                    .append(blacklisted.contains(header.getName()) ? BLACKLISTED : header.getValue()).append('\n');
        }
        Object body = request.getBody();
        if (body != null) {
            entry.append("  > ").append(body(String.valueOf(body))).append('\n');
        }
        entry.append(error == null ? "  < " + answer.replace("\n", "\n  < ") : "  ! no answer: " + error.getClass().getSimpleName()
                + ": " + error.getMessage()).append("\n\n");
        synchronized (LOGS) {
            Log log = LOGS.computeIfAbsent(test, uuid -> new Log());
            log.requests++;
            log.text.append(String.format(Locale.ROOT, "#%d %s %s %s (%.1f ms)%n", log.requests,
                    start.truncatedTo(ChronoUnit.MILLIS), request.getMethod(), request.getURI(), millis)).append(entry);
        }
    }

    private static String body(String text) {
        return text == null || text.isEmpty() ? "(no body)" : text.strip();
    }
}
