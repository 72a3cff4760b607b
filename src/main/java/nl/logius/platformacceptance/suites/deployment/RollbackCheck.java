package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * KP-DEP-03 — Rollback does not restore the previous version.
 *
 * <p>After an update, the platform MUST roll a workload back so that the criterion's number of requests
 * through its service name, sent after the rollback began, all answer with the previous version within the
 * criterion's rollback time. The version is the one each answer reports; requests come from a client inside
 * the tenant, in batches of the criterion's size, until one batch answers entirely with the previous version.
 */
@Verifies("KP-DEP-03")
class RollbackCheck {

    /** The criterion names no size; two instances make the rollback a rollout over more than one instance. */
    private static final int INSTANCES = 2;
    private static final String PREVIOUS_VERSION = "1";
    private static final String FAILED_VERSION = "2";
    private static final Duration BATCH_INTERVAL = Duration.ofSeconds(1);

    @PlatformCheck
    void rollback_answers_every_request_with_the_previous_version_in_time(Tenant tenant, Criterion criterion, Evidence evidence) {
        int requests = criterion.count("requests");
        Duration deadline = criterion.duration("rollback-time");
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(INSTANCES).version(PREVIOUS_VERSION), evidence);
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, INSTANCES, evidence)
                .reads("/identity", ServiceTraffic.TIMELINE_RATE_PER_SECOND, ServiceTraffic.REQUEST_TIMEOUT);

        Instant updateStart = Instant.now();
        Instant rollbackStart = null;
        Instant rollbackReturned = null;
        AtomicReference<List<RequestResult>> lastBatch = new AtomicReference<>(List.of());
        Duration rollbackTime;
        boolean restored = false;
        String rollbackDetail;
        Timeline timeline;
        try {
            evidence.step("Update 'web' to version " + FAILED_VERSION + " (the release to roll back)",
                    () -> web.update(FAILED_VERSION, Deadlines.TOOL_WORKLOAD_READY));
            evidence.step("Check that every instance reports version " + FAILED_VERSION, () -> awaitAllOn(web, FAILED_VERSION));
            rollbackStart = Instant.now();
            Instant start = rollbackStart;
            try {
                evidence.step("Roll 'web' back (at most " + Durations.seconds(deadline) + ")", () -> web.rollback(deadline));
                rollbackReturned = Instant.now();
                evidence.step(String.format(Locale.ROOT, "Send %d requests through the service name, every %d s, until all answer "
                                + "with version %s (at most %d s from the rollback's start)", requests, BATCH_INTERVAL.toSeconds(),
                        PREVIOUS_VERSION, deadline.toSeconds()), () -> awaitPreviousVersion(traffic, requests, start, deadline, lastBatch));
                rollbackTime = Duration.between(rollbackStart, Instant.now());
                restored = true;
                rollbackDetail = requests + " of " + requests + " requests answered by version " + PREVIOUS_VERSION + " "
                        + Durations.seconds(rollbackTime) + " after the rollback began (the rollback itself took "
                        + Durations.seconds(rollbackStart, rollbackReturned) + ")";
            } catch (DeadlineExceededException | ConditionTimeoutException e) {
                // The deadline is the criterion's (or the platform's own rollout deadline): a measured failure.
                rollbackTime = Duration.between(rollbackStart, Instant.now());
                rollbackDetail = "requests still not all answered by version " + PREVIOUS_VERSION + " after " + Durations.seconds(rollbackTime)
                        + "; last batch answered by " + describe(lastBatch.get());
            }
        } finally {
            timeline = traffic.stop();
        }
        timeline.mark(updateStart, "update to v" + FAILED_VERSION).mark(rollbackStart, "rollback");
        if (restored) {
            timeline.mark(rollbackStart.plus(rollbackTime), requests + " of " + requests + " on v" + PREVIOUS_VERSION);
        }
        if (rollbackReturned != null) {
            timeline.window(rollbackStart, rollbackReturned, "rolling back");
        }
        evidence.attachSvg("version timeline", timeline.chart(String.format(Locale.ROOT,
                "Requests to 'web': update to v%s, then rollback to v%s", FAILED_VERSION, PREVIOUS_VERSION)));
        evidence.attachCsv("prober timeline", timeline.csv());
        evidence.attachJson("last batch of requests after the rollback", lastBatch.get());

        List<RequestResult> batch = lastBatch.get();
        long previous = batch.stream().filter(r -> r.ok() && PREVIOUS_VERSION.equals(r.version())).count();
        criterion.check("rollback-time", rollbackTime, rollbackDetail);
        criterion.check("previous-version-responses", batch.isEmpty() ? 0 : 100d * previous / requests,
                previous + " of " + requests + " requests of the " + (batch.isEmpty() ? "(no) " : "last ") + "batch answered by version "
                        + PREVIOUS_VERSION + "; by version: " + describe(batch));
    }

    /** The precondition of a rollback: the update it undoes has completed. Not so is a broken check. */
    private static void awaitAllOn(Workload web, String version) {
        try {
            await("every instance of 'web' on version " + version).atMost(Deadlines.TOOL_WORKLOAD_READY)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> InstanceVersions.of(web).values().stream().allMatch(version::equals));
        } catch (ConditionTimeoutException e) {
            throw new PlatformException("the update to version " + version + " did not complete, so there is nothing to roll back: "
                    + e.getMessage(), e);
        }
    }

    /** Sends batches of {@code requests} until one answers entirely with the previous version, or the deadline. */
    private static void awaitPreviousVersion(ServiceTraffic traffic, int requests, Instant rollbackStart, Duration deadline,
                                             AtomicReference<List<RequestResult>> lastBatch) {
        Duration remaining = Durations.remaining(rollbackStart, deadline);
        await(requests + " requests answered by version " + PREVIOUS_VERSION).atMost(remaining.isZero() ? Duration.ofMillis(1) : remaining)
                .pollDelay(Duration.ZERO).pollInterval(BATCH_INTERVAL)
                .until(() -> {
                    List<RequestResult> batch = traffic.requests("/identity", requests, ServiceTraffic.REQUEST_TIMEOUT,
                            Durations.remaining(rollbackStart, deadline));
                    lastBatch.set(batch);
                    return batch.size() == requests
                            && batch.stream().allMatch(r -> r.ok() && PREVIOUS_VERSION.equals(r.version()));
                });
    }

    /** {@code v1 48, v2 2, failed 0}. */
    private static String describe(List<RequestResult> batch) {
        if (batch.isEmpty()) {
            return "nothing (no batch completed)";
        }
        Map<String, Long> byVersion = batch.stream().collect(Collectors.groupingBy(
                r -> r.ok() ? "v" + r.version() : "failed", TreeMap::new, Collectors.counting()));
        return byVersion.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
