package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The continuous prober's results in order of time, and what follows from them: availability, the longest
 * outage, and recovery after a disruption. Marks (a kill, a recovery), windows (a disruption) and measured spans
 * (what a measurement counted) annotate it for the picture.
 *
 * <p>An outage is a run of consecutive failed requests; its length runs from the start of its first failed
 * request to the start of the next successful one (or the last request, if none succeeded after).
 */
public final class Timeline {

    private final List<RequestResult> results;
    private final List<Mark> marks = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();
    private final List<Window> measured = new ArrayList<>();

    public Timeline(List<RequestResult> results) {
        this.results = results.stream().sorted(Comparator.comparingLong(RequestResult::t)).toList();
    }

    /** A moment to show on the timeline, e.g. "kill web-0". */
    public record Mark(Instant at, String label) {
    }

    /** A span to shade on the timeline, e.g. the disruption window. */
    public record Window(Instant from, Instant to, String label) {
    }

    public Timeline mark(Instant at, String label) {
        marks.add(new Mark(at, label));
        return this;
    }

    public Timeline window(Instant from, Instant to, String label) {
        windows.add(new Window(from, to, label));
        return this;
    }

    /**
     * The span a measurement counts its requests over (from the disruption to the end of the observation, say), so
     * that the chart can say how many requests that measurement rests on beside the whole timeline's count.
     */
    public Timeline measured(Instant from, Instant to, String what) {
        measured.add(new Window(from, to, what));
        return this;
    }

    public List<RequestResult> results() {
        return results;
    }

    public List<Mark> marks() {
        return List.copyOf(marks);
    }

    public List<Window> windows() {
        return List.copyOf(windows);
    }

    public List<Window> measured() {
        return List.copyOf(measured);
    }

    public int requests() {
        return results.size();
    }

    public long failures() {
        return results.stream().filter(r -> !r.ok()).count();
    }

    /** Share of successful requests, in percent; NaN when there were none. */
    public double availabilityPercent() {
        return results.isEmpty() ? Double.NaN : 100d * (requests() - failures()) / requests();
    }

    /** Availability over the requests that started within {@code [from, to)}. */
    public double availabilityPercent(Instant from, Instant to) {
        return between(from, to).availabilityPercent();
    }

    public Timeline between(Instant from, Instant to) {
        long fromMicros = micros(from);
        long toMicros = micros(to);
        return new Timeline(results.stream().filter(r -> r.t() >= fromMicros && r.t() < toMicros).toList());
    }

    /** The longest run of consecutive failures; zero when none failed. */
    public Duration longestOutage() {
        return outages().stream().map(w -> Duration.between(w.from(), w.to())).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    /** Every run of consecutive failures, as windows from its first failure to the next success. */
    public List<Window> outages() {
        List<Window> outages = new ArrayList<>();
        Long outageStart = null;
        for (RequestResult result : results) {
            if (!result.ok() && outageStart == null) {
                outageStart = result.t();
            } else if (result.ok() && outageStart != null) {
                outages.add(new Window(instant(outageStart), instant(result.t()), "outage"));
                outageStart = null;
            }
        }
        if (outageStart != null) {
            RequestResult last = results.get(results.size() - 1);
            outages.add(new Window(instant(outageStart), instant(Math.max(last.t() + last.micros(), outageStart)), "outage (not recovered)"));
        }
        return outages;
    }

    /**
     * The recovery time objective as measured: from the disruption to the first of {@code consecutive}
     * successful requests in a row that started after it; empty when service never came back.
     */
    public Optional<Duration> recoveryAfter(Instant disruption, int consecutive) {
        long from = micros(disruption);
        int streak = 0;
        Long streakStart = null;
        for (RequestResult result : results) {
            if (result.t() < from) {
                continue;
            }
            if (result.ok()) {
                if (streak++ == 0) {
                    streakStart = result.t();
                }
                if (streak >= consecutive) {
                    return Optional.of(Duration.ofNanos(Math.max(0, streakStart - from) * 1_000));
                }
            } else {
                streak = 0;
                streakStart = null;
            }
        }
        return Optional.empty();
    }

    /** The instances that answered at least one request successfully, in order of their first answer. */
    public Set<String> answeringInstances() {
        Set<String> instances = new LinkedHashSet<>();
        results.stream().filter(r -> r.ok() && r.instance() != null).forEach(r -> instances.add(r.instance()));
        return instances;
    }

    /** The start of the first successful request at or after {@code from} whose answer matches {@code by}. */
    public Optional<Instant> firstAnswerAfter(Instant from, Predicate<RequestResult> by) {
        long fromMicros = micros(from);
        return results.stream().filter(r -> r.t() >= fromMicros && r.ok() && by.test(r)).findFirst()
                .map(r -> instant(r.t()));
    }

    /** The start of the last successful request whose answer matches {@code by}, e.g. the old version's last. */
    public Optional<Instant> lastAnswer(Predicate<RequestResult> by) {
        return results.stream().filter(r -> r.ok() && by.test(r)).reduce((first, second) -> second)
                .map(r -> instant(r.t()));
    }

    /** Whether a request was answered by {@code version} (for {@link #firstAnswerAfter} and {@link #lastAnswer}). */
    public static Predicate<RequestResult> version(String version) {
        return r -> version.equals(r.version());
    }

    public Optional<Instant> start() {
        return results.isEmpty() ? Optional.empty() : Optional.of(instant(results.get(0).t()));
    }

    public Optional<Instant> end() {
        return results.isEmpty() ? Optional.empty()
                : Optional.of(instant(results.get(results.size() - 1).t() + results.get(results.size() - 1).micros()));
    }

    /** Every request as CSV: start (UTC), latency, outcome, who answered (and at which address), its sequence number; for the evidence folder. */
    public String csv() {
        StringBuilder csv = new StringBuilder("start_utc,latency_ms,ok,status,instance,version,error,seq,address\n");
        for (RequestResult r : results) {
            csv.append(instant(r.t())).append(',').append(r.micros() / 1000d).append(',').append(r.ok()).append(',')
                    .append(r.status()).append(',').append(nullToEmpty(r.instance())).append(',')
                    .append(nullToEmpty(r.version())).append(',').append(csvText(r.error())).append(',')
                    .append(r.seq() == null ? "" : r.seq().toString()).append(',')
                    .append(nullToEmpty(r.address())).append('\n');
        }
        return csv.toString();
    }

    /**
     * Requests over time: latency of each (coloured by the version that answered), failures marked,
     * disruption windows shaded, marks drawn.
     */
    public String chart(String title) {
        return Charts.timeline(title, this);
    }

    /** {@code 14:45:03.120Z}: the time of day to the millisecond, for messages and labels (evidence keeps instants whole). */
    public static String timeOfDay(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().replaceFirst("^.*T", "");
    }

    /** Like {@link #chart} but coloured by the instance that answered: how traffic spreads over time. */
    public String chartByInstance(String title) {
        return Charts.timeline(title, this, RequestResult::instance, "");
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    public static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(epochMicros / 1_000_000L, (epochMicros % 1_000_000L) * 1_000);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String csvText(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
