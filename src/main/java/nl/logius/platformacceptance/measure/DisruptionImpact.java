package nl.logius.platformacceptance.measure;


import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a disruption did to a service, as measured by a continuous prober, each quantity with its timestamps:
 * <ul>
 *   <li>RTO: from the disruption to the first of {@value #CONSECUTIVE_SUCCESSES} consecutive successful
 *       requests after it, and after the last request in the window that failed: the recovery for good;</li>
 *   <li>the longest outage (a run of failed requests) within the disruption window;</li>
 *   <li>availability over the disruption window: from the disruption until the end of the observation
 *       after recovery.</li>
 * </ul>
 *
 * <pre>{@code
 * DisruptionImpact impact = DisruptionImpact.of(timeline, "kill web-0", kill, timeline.end().orElse(kill));
 * criterion.check("availability", impact.availabilityPercent(), impact.availabilityText());
 * evidence.attachJson("disruption impact", impact.evidence());
 * }</pre>
 *
 * @param disruption     what was done, e.g. {@code kill web-0}
 * @param disruptedAt    when it was done
 * @param windowEnd      the end of the disruption window (exclusive)
 * @param requests       requests that started in the window
 * @param failures       of those, the ones that failed
 * @param recoveredAt    the start of the first of the consecutive successes, when there were that many
 * @param longestOutage  the longest run of failures in the window, if any failed
 */
public record DisruptionImpact(String disruption, Instant disruptedAt, Instant windowEnd, int requests, long failures,
                               Optional<Instant> recoveredAt, Optional<Timeline.Window> longestOutage) {

    /** How many successful requests in a row count as recovered: one lucky request is not a service. */
    public static final int CONSECUTIVE_SUCCESSES = 5;

    public static DisruptionImpact of(Timeline timeline, String disruption, Instant disruptedAt, Instant windowEnd) {
        Timeline window = timeline.between(disruptedAt, windowEnd);
        // A disruption takes effect gradually (a zone's instances are cut off one by one): successes between its
        // first failures do not pass for a recovery. Recovered is for good: after the last failure it caused.
        Instant afterLastFailure = window.results().stream().filter(r -> !r.ok()).reduce((first, second) -> second)
                .map(r -> Timeline.instant(r.t() + 1)).orElse(disruptedAt);
        Optional<Instant> recoveredAt = window.recoveryAfter(afterLastFailure, CONSECUTIVE_SUCCESSES).map(afterLastFailure::plus);
        Optional<Timeline.Window> longest = window.outages().stream()
                .max((a, b) -> Duration.between(a.from(), a.to()).compareTo(Duration.between(b.from(), b.to())));
        return new DisruptionImpact(disruption, disruptedAt, windowEnd, window.requests(), window.failures(), recoveredAt, longest);
    }

    /** Share of successful requests in the window, in percent; NaN when none started in it. */
    public double availabilityPercent() {
        return requests == 0 ? Double.NaN : 100d * (requests - failures) / requests;
    }

    /** The recovery time as measured; empty when service did not come back within the window. */
    public Optional<Duration> rto() {
        return recoveredAt.map(at -> Duration.between(disruptedAt, at));
    }

    public Duration longestOutageDuration() {
        return longestOutage.map(w -> Duration.between(w.from(), w.to())).orElse(Duration.ZERO);
    }

    /** {@code RTO 0.05 s (kill web-0 at 14:45:03.120Z; first of 5 consecutive successes at 14:45:03.170Z)}. */
    public String rtoText() {
        return rto().map(rto -> "RTO " + Durations.seconds(rto) + " (" + disruption + " at " + Timeline.timeOfDay(disruptedAt) + "; first of "
                        + CONSECUTIVE_SUCCESSES + " consecutive successes at " + Timeline.timeOfDay(recoveredAt.orElseThrow()) + ")")
                .orElse("no recovery: never " + CONSECUTIVE_SUCCESSES + " consecutive successes after " + disruption
                        + " at " + Timeline.timeOfDay(disruptedAt) + " until " + Timeline.timeOfDay(windowEnd));
    }

    /** {@code 140 requests, 1 failed, from 14:45:03.120Z to 14:45:11.500Z}. */
    public String availabilityText() {
        return requests + " requests, " + failures + " failed, from " + Timeline.timeOfDay(disruptedAt) + " to " + Timeline.timeOfDay(windowEnd);
    }

    /** {@code longest outage 0.30 s from 14:45:03.170Z to 14:45:03.470Z}, or {@code no failed request}. */
    public String outageText() {
        return longestOutage.map(w -> "longest outage " + Durations.seconds(longestOutageDuration()) + " from " + Timeline.timeOfDay(w.from())
                + " to " + Timeline.timeOfDay(w.to())).orElse("no failed request");
    }

    /** Every quantity with its timestamps, for the evidence folder (JSON). */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("disruption", disruption);
        evidence.put("disruptedAt", disruptedAt.toString());
        evidence.put("windowEnd", windowEnd.toString());
        Map<String, Object> rto = new LinkedHashMap<>();
        rto.put("definition", "from the disruption to the first of " + CONSECUTIVE_SUCCESSES + " consecutive successful requests"
                + " after the last request that failed in the window (after the disruption when none failed)");
        rto.put("seconds", rto().map(d -> d.toNanos() / 1e9).orElse(null));
        rto.put("recoveredAt", recoveredAt.map(Instant::toString).orElse(null));
        evidence.put("rto", rto);
        Map<String, Object> outage = new LinkedHashMap<>();
        outage.put("seconds", longestOutageDuration().toNanos() / 1e9);
        outage.put("from", longestOutage.map(w -> w.from().toString()).orElse(null));
        outage.put("to", longestOutage.map(w -> w.to().toString()).orElse(null));
        evidence.put("longestOutage", outage);
        Map<String, Object> availability = new LinkedHashMap<>();
        availability.put("percent", requests == 0 ? null : availabilityPercent());
        availability.put("requests", requests);
        availability.put("failed", failures);
        availability.put("from", disruptedAt.toString());
        availability.put("to", windowEnd.toString());
        evidence.put("availability", availability);
        return evidence;
    }

    /**
     * Marks the disruption and the recovery (the RTO) on the timeline, each labelled with its time of day, and the
     * window the availability, the outage and the RTO were measured over.
     */
    public Timeline markOn(Timeline timeline) {
        timeline.measured(disruptedAt, windowEnd, "availability, longest outage and RTO");
        timeline.mark(disruptedAt, disruption + " at " + Timeline.timeOfDay(disruptedAt));
        recoveredAt.ifPresent(at -> timeline.mark(at, "RTO " + Durations.seconds(rto().orElseThrow()) + " at " + Timeline.timeOfDay(at)));
        return timeline;
    }

}
