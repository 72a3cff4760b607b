package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Tenant;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * KP-DEP-02 — Rolling update interrupts service.
 *
 * <p>The platform MUST update a workload of the criterion's size to a new version under the criterion's
 * request rate with at least the criterion's share of requests succeeding, and MUST run the new version on
 * every instance within the criterion's update duration. Requests come from a client inside the tenant
 * through the service name; each answer reports the version that gave it. "During the update" runs from the
 * update's start until {@link Deadlines#AFTER_ROLLOUT_WINDOW} after it completed, so that an old instance
 * removed last cannot fail requests unseen.
 */
@Verifies("KP-DEP-02")
class RollingUpdateCheck {

    private static final String OLD_VERSION = "1";
    private static final String NEW_VERSION = "2";
    /**
     * A request not answered within this time failed. Long enough that a busy machine's scheduling (a new
     * instance's first answers on two shared cores) is not taken for an interruption, short enough that any
     * interruption is: an instance stopped or not yet listening fails a request at once.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @PlatformCheck
    void rolling_update_under_load_loses_no_requests_and_completes_in_time(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Duration deadline = criterion.duration("update-duration");
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(instances).version(OLD_VERSION), evidence);
        evidence.note("rollout of 'web': " + web.spec().rollout().describe() + "; termination grace "
                + Durations.seconds(web.spec().terminationGrace()));
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, instances, evidence)
                .reads("/identity", criterion.value("request-rate"), REQUEST_TIMEOUT);

        Instant updateStart;
        Instant updateEnd = null;
        Duration onNewVersion = null;
        String updateDetail;
        Timeline timeline;
        try {
            evidence.step("Steady state: measure for " + Durations.seconds(Deadlines.STEADY_STATE_WINDOW) + " before the update",
                    () -> MeasurementWindow.hold(Deadlines.STEADY_STATE_WINDOW));
            updateStart = Instant.now();
            try {
                evidence.step("Update 'web' from version " + OLD_VERSION + " to " + NEW_VERSION + " (the platform's rolling update, at"
                        + " most " + Durations.seconds(deadline) + ")", () -> web.update(NEW_VERSION, deadline));
                updateEnd = Instant.now();
                onNewVersion = evidence.step("Wait until every instance reports version " + NEW_VERSION + " (at most "
                        + Durations.seconds(deadline) + " from the update's start)", () -> awaitNewVersion(web, instances, updateStart, deadline));
                updateDetail = "every instance on version " + NEW_VERSION + " " + Durations.seconds(onNewVersion) + " after the update began";
            } catch (DeadlineExceededException | ConditionTimeoutException e) {
                // The deadline is the criterion's (or the platform's own rollout deadline): a measured failure.
                updateDetail = "not every instance on version " + NEW_VERSION + " after " + Durations.seconds(updateStart, Instant.now())
                        + ": " + e.getMessage();
            }
            evidence.step("Keep measuring for " + Durations.seconds(Deadlines.AFTER_ROLLOUT_WINDOW) + " after the update",
                    () -> MeasurementWindow.hold(Deadlines.AFTER_ROLLOUT_WINDOW));
        } finally {
            timeline = traffic.stop();
        }
        Instant measuredUntil = Instant.now();
        timeline.mark(updateStart, "update to v" + NEW_VERSION);
        if (updateEnd != null) {
            timeline.window(updateStart, updateEnd, "rolling update").mark(updateEnd, "update done");
        }
        evidence.attachSvg("availability and version timeline", timeline.chart(String.format(Locale.ROOT,
                "Requests to 'web' while it is updated from v%s to v%s", OLD_VERSION, NEW_VERSION)));
        evidence.attachCsv("prober timeline", timeline.csv());

        Timeline before = timeline.between(timeline.start().orElse(updateStart), updateStart);
        if (before.requests() == 0 || before.failures() > 0) {
            throw new PlatformException("steady state not reached before the update: " + before.failures() + " of "
                    + before.requests() + " requests failed; the check cannot measure the effect of the update");
        }
        Timeline during = timeline.between(updateStart, measuredUntil);
        Optional<Instant> lastOld = timeline.lastAnswer(Timeline.version(OLD_VERSION));
        Optional<Instant> firstNew = timeline.firstAnswerAfter(updateStart, Timeline.version(NEW_VERSION));
        String served = "first answer by v" + NEW_VERSION + firstNew.map(t -> " at +" + Durations.seconds(updateStart, t)).orElse(": none")
                + ", last answer by v" + OLD_VERSION + lastOld.map(t -> " at +" + Durations.seconds(updateStart, t)).orElse(": none");
        criterion.check("success-rate", during.availabilityPercent(), String.format(Locale.ROOT,
                "%d requests from the update's start until %d s after it, %d failed, longest outage %s",
                during.requests(), Deadlines.AFTER_ROLLOUT_WINDOW.toSeconds(), during.failures(), Durations.seconds(during.longestOutage())));
        // Every instance reports the new version, and no answer came from the old version after that.
        Duration updateDuration = onNewVersion == null ? Duration.between(updateStart, measuredUntil)
                : max(onNewVersion, lastOld.map(t -> Duration.between(updateStart, t)).orElse(Duration.ZERO));
        criterion.check("update-duration", updateDuration, updateDetail + "; " + served);
    }

    /** Polls the instances' identities until all {@code instances} report the new version. */
    private static Duration awaitNewVersion(Workload web, int instances, Instant updateStart, Duration deadline) {
        await("every instance of 'web' on version " + NEW_VERSION).atMost(atLeastAMillisecond(Durations.remaining(updateStart, deadline)))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    Map<String, String> versions = InstanceVersions.of(web);
                    return versions.size() == instances && versions.values().stream().allMatch(NEW_VERSION::equals);
                });
        return Duration.between(updateStart, Instant.now());
    }

    private static Duration atLeastAMillisecond(Duration duration) {
        return duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
