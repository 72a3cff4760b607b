package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.check.SteadyState.Restoration;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.register.Threshold;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * KP-FO-03 — A hung instance keeps receiving traffic.
 *
 * <p>When one of the workload's instances hangs without crashing, the platform MUST take it out of rotation
 * within the criterion's removal time (as readiness probes do), and requests MUST succeed at the criterion's
 * rate for the observation time after that.
 *
 * <p>Out of rotation is measured from what a client inside the tenant sees, not from what the platform
 * reports: a request routed to the frozen instance gets no answer and fails on the client's timeout, so
 * the instance is out of rotation from the first request after the last such failure, once no request has
 * failed for {@link Deadlines#AFTER_RECOVERY_WINDOW}. As only every few requests land on the frozen instance,
 * the platform's own view (when it reported the instance not ready) is taken too, and the later of the two
 * counts. The instance is frozen by pausing its processes.
 */
@Verifies("KP-FO-03")
@Disruptive
class HungInstanceCheck {

    @PlatformCheck
    void hung_instance_is_taken_out_of_rotation(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Duration removalDeadline = criterion.duration("removal-time");
        Duration observation = criterion.duration("observation-time");
        Workload web = evidence.step("Deploy probe x" + instances + " as service 'web' over the zones",
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(instances)));
        ServiceTraffic traffic = ServiceTraffic.reads(tenant, tenant.zones().get(0), web, instances, "/identity",
                criterion.value("request-rate"), evidence);
        SteadyState steadyState = traffic.steadyState("every request to 'web' succeeds");
        Instance victim;
        Instant freezeAt;
        Instant frozenFrom;
        Instant thawAt;
        Restoration clientsSeeHealthy;
        Optional<Instant> removedAt = Optional.empty();
        CompletableFuture<Optional<Instant>> reportedNotReady;
        AtomicBoolean watching = new AtomicBoolean(true);
        Timeline timeline;
        try {
            steadyState.verifyBefore();
            victim = web.instance(0);
            freezeAt = Instant.now();
            try {
                evidence.step("Freeze " + victim.name() + " (its processes are paused: it hangs, it does not crash)", victim::freeze);
                frozenFrom = Instant.now();
                reportedNotReady = CompletableFuture.supplyAsync(() -> whenReportedNotReady(victim, removalDeadline, watching));
                clientsSeeHealthy = steadyState.awaitRestored("the freeze", freezeAt, removalDeadline);
                removedAt = clientsSeeHealthy.healthyFrom().map(healthy -> later(healthy, reportedNotReady.getNow(Optional.empty())));
                removedAt.ifPresent(removed -> evidence.step("Observe the service for " + observation.toSeconds()
                        + " s after the removal", () -> MeasurementWindow.hold(remaining(removed.plus(observation)))));
            } finally {
                thawAt = Instant.now();
                evidence.step("Thaw " + victim.name(), victim::thaw);
            }
        } finally {
            timeline = traffic.stop();
        }
        watching.set(false);
        Optional<Instant> notReadyAt = reportedNotReady.join();
        // An answer already on its way when the freeze took arrives a moment later; later ones cannot exist.
        long answeredWhileFrozen = answersFrom(timeline, victim.name(), frozenFrom.plusMillis(250), thawAt);
        if (answeredWhileFrozen > 0) {
            throw new PlatformException(victim.name() + " answered " + answeredWhileFrozen + " requests while it was frozen"
                    + " (from " + frozenFrom + " to " + thawAt + "): the freeze did not take, nothing was measured");
        }

        DisruptionImpact impact = DisruptionImpact.of(timeline, "freeze " + victim.name(), freezeAt, timeline.end().orElse(freezeAt));
        notReadyAt.ifPresent(at -> timeline.mark(at, "platform: " + victim.name() + " not ready"));
        removedAt.ifPresent(removed -> timeline.window(freezeAt, removed, victim.name() + " frozen, in rotation")
                .window(removed, removed.plus(observation), "observation after removal")
                .mark(removed, "out of rotation"));
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while " + victim.name() + " hangs", timeline, impact);

        String platformView = notReadyAt.map(at -> "the platform reported it not ready at +" + seconds(freezeAt, at))
                .orElse("the platform never reported it not ready");
        if (removedAt.isPresent()) {
            criterion.check("removal-time", Duration.between(freezeAt, removedAt.get()), "clients saw no failure from +"
                    + seconds(freezeAt, clientsSeeHealthy.healthyFrom().orElseThrow()) + ", " + platformView
                    + "; the later counts (freeze at " + Timeline.timeOfDay(freezeAt) + ")");
            Timeline after = timeline.between(removedAt.get(), removedAt.get().plus(observation));
            criterion.check("success-rate-after-removal", after.availabilityPercent(), after.requests() + " requests, "
                    + after.failures() + " failed, in the " + observation.toSeconds() + " s after the removal");
        } else {
            criterion.check("removal-time", clientsSeeHealthy.elapsed(), victim.name() + " still in rotation, a lower bound: "
                    + clientsSeeHealthy.evaluation().describe() + " after the freeze at " + Timeline.timeOfDay(freezeAt) + "; " + platformView);
            evidence.note("success after removal not measured: " + victim.name() + " was not taken out of rotation");
        }
    }

    private static String seconds(Instant from, Instant to) {
        return Threshold.formatNumber(Duration.between(from, to).toMillis() / 1000d) + " s";
    }

    /**
     * Out of rotation is the later of what clients saw (no failed request from then on) and what the platform
     * reported (not ready): a request lands on the frozen instance only every few requests, so clients alone
     * may see the removal a little early; the platform alone may report it before it routes accordingly.
     */
    private static Instant later(Instant clientsSeeHealthy, Optional<Instant> platformReportsNotReady) {
        return platformReportsNotReady.filter(reported -> reported.isAfter(clientsSeeHealthy)).orElse(clientsSeeHealthy);
    }

    /** How many answers from {@code instance} arrived between {@code from} and {@code to}. */
    static long answersFrom(Timeline timeline, String instance, Instant from, Instant to) {
        long fromMicros = Timeline.micros(from);
        long toMicros = Timeline.micros(to);
        return timeline.results().stream().filter(r -> r.ok() && instance.equals(r.instance()))
                .map(r -> r.t() + r.micros()).filter(end -> end > fromMicros && end < toMicros).count();
    }

    /**
     * When the platform first reported the frozen instance not ready (its own view), if it did within the
     * deadline and while {@code watching}.
     */
    private static Optional<Instant> whenReportedNotReady(Instance victim, Duration deadline, AtomicBoolean watching) {
        try {
            await(victim.name() + " reported not ready").atMost(deadline.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !watching.get() || !victim.isReady());
            return watching.get() ? Optional.of(Instant.now()) : Optional.empty();
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    private static Duration remaining(Instant until) {
        Duration left = Duration.between(Instant.now(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
