package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Collectors;

/**
 * How requests through a service name spread over its instances, counted by the identity each answer
 * carries. The instances are those the platform says the workload has: one that answered nothing counts,
 * with 0 %. Shares are of all requests sent, so failed requests lower every share.
 *
 * <pre>{@code
 * TrafficSpread spread = TrafficSpread.over(List.of("web-0", "web-1"), results);
 * spread.smallestSharePercent();   // 46.5
 * }</pre>
 */
public final class TrafficSpread {

    private final Map<String, Long> answersPerInstance;
    private final long others;
    private final int requests;

    private TrafficSpread(Map<String, Long> answersPerInstance, long others, int requests) {
        this.answersPerInstance = answersPerInstance;
        this.others = others;
        this.requests = requests;
    }

    /** The spread of {@code results} over {@code instances} (in that order). */
    public static TrafficSpread over(List<String> instances, List<RequestResult> results) {
        Map<String, Long> answers = new LinkedHashMap<>();
        instances.forEach(instance -> answers.put(instance, 0L));
        long others = 0;
        for (RequestResult result : results) {
            if (!result.ok()) {
                continue;
            }
            if (answers.containsKey(result.instance())) {
                answers.merge(result.instance(), 1L, Long::sum);
            } else {
                others++;
            }
        }
        return new TrafficSpread(answers, others, results.size());
    }

    public int requests() {
        return requests;
    }

    /** Answers per instance, in the order the instances were given. */
    public Map<String, Long> answersPerInstance() {
        return Collections.unmodifiableMap(answersPerInstance);
    }

    /** Requests that failed or got no answer. */
    public long unanswered() {
        return requests - others - answersPerInstance.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answers from instances outside the given ones (e.g. an instance the platform no longer lists). */
    public long answeredByOthers() {
        return others;
    }

    public double sharePercent(String instance) {
        return requests == 0 ? 0 : 100d * answersPerInstance.getOrDefault(instance, 0L) / requests;
    }

    /** The instance with the smallest share; the first of them on a tie. */
    public String leastServedInstance() {
        return answersPerInstance.entrySet().stream().min(Entry.comparingByValue()).map(Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no instances to spread traffic over"));
    }

    public double smallestSharePercent() {
        return sharePercent(leastServedInstance());
    }

    /** {@code web-0 26 % (104), web-1 24.5 % (98), ...}. */
    public String describe() {
        return answersPerInstance.entrySet().stream()
                .map(e -> e.getKey() + " " + Threshold.formatNumber(sharePercent(e.getKey())) + " % (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** One bar per instance with the smallest share allowed drawn across. */
    public String chart(String title, double thresholdPercent) {
        return Charts.shares(title, this, thresholdPercent);
    }
}
