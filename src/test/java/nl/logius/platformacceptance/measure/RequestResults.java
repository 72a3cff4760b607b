package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prober results for tests, written as a pattern: {@code "++--+++"} is one request every 50 ms from
 * {@code start}, {@code +} succeeded and {@code -} failed, each taking 5 ms.
 */
public final class RequestResults {

    public static final long PERIOD_MICROS = 50_000;

    private RequestResults() {
    }

    public static List<RequestResult> of(Instant start, String pattern) {
        List<RequestResult> results = new ArrayList<>();
        long t = Timeline.micros(start);
        for (int i = 0; i < pattern.length(); i++) {
            boolean ok = pattern.charAt(i) == '+';
            results.add(new RequestResult(t + i * PERIOD_MICROS, 5_000, ok, ok ? 200 : 0, ok ? "web-" + (i % 3) : null,
                    ok ? "1" : null, "10.0.0." + (i % 3), ok ? null : "no answer", (long) i + 1));
        }
        return results;
    }

    /** The start of the request at {@code index} of a pattern that began at {@code start}. */
    public static Instant at(Instant start, int index) {
        return start.plusNanos(index * PERIOD_MICROS * 1_000);
    }
}
