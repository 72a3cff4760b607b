package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.DisruptionExperiment;
import nl.logius.platformacceptance.check.DisruptionExperiment.Outcome;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.check.SteadyState.Restoration;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Readiness;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
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
 * within the criterion's removal time, by the readiness checks the workload asks for (the criterion's period
 * and failure count), and requests MUST succeed at the criterion's rate for the observation time after that.
 *
 * <p>Disruption: <em>freeze</em>, the instance stops answering but keeps its connections (local: the cgroup
 * freezer; elsewhere: the probe's hang mode). Out of rotation is measured from what a client inside the
 * tenant sees, not from what the platform reports: a request routed to the frozen instance gets no answer and
 * fails on the client's timeout, so the instance is out of rotation from the first request after the last
 * such failure, once no request has failed for a while. As only every few requests land on the frozen
 * instance, the platform's own view (when it reported the instance not ready) is taken too, and the later of
 * the two counts. Both count from the instant the freeze took effect.
 */
@Verifies("KP-FO-03")
@Disruptive
class HungInstanceCheck {

    /**
     * A request the client started this long after the freeze took effect cannot have been answered by the frozen
     * instance; one started before may be (it was in flight), however late its answer arrives on a busy machine.
     */
    private static final Duration AFTER_THE_FREEZE = Duration.ofMillis(100);

    @PlatformCheck
    void hung_instance_is_taken_out_of_rotation(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Duration removalDeadline = criterion.duration("removal-time");
        Duration observation = criterion.duration("observation-time");
        Readiness readiness = new Readiness(Readiness.DEFAULT.path(), criterion.duration("readiness-period"),
                criterion.count("readiness-failures"), Readiness.DEFAULT.timeout());
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(instances).withReadiness(readiness), evidence);
        evidence.note("readiness of 'web': " + readiness.describe());
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, instances, evidence)
                .reads("/identity", criterion.value("request-rate"), ServiceTraffic.REQUEST_TIMEOUT);

        Instance victim = web.instance(0);
        Outcome<Removal> outcome = DisruptionExperiment.run(traffic, "every request to 'web' succeeds",
                () -> evidence.disrupt("Freeze " + victim.name(), victim::freeze),
                (frozen, steadyState) -> observeRemoval(victim, frozen, removalDeadline, observation, steadyState, evidence));

        Disruption frozen = outcome.disruption();
        Removal removal = outcome.recovery();
        Timeline timeline = outcome.timeline();
        // From when the freeze call had returned (it had surely taken effect) to when the thaw was asked for.
        long answeredWhileFrozen = answersFrom(timeline, victim.name(), removal.frozenBy().plus(AFTER_THE_FREEZE),
                removal.thawed().at());
        if (answeredWhileFrozen > 0) {
            throw new PlatformException(victim.name() + " answered " + answeredWhileFrozen + " requests started while it was frozen"
                    + " (from " + removal.frozenBy() + " to " + removal.thawed().at() + "): the freeze did not take, nothing was"
                    + " measured");
        }
        DisruptionImpact impact = outcome.impact();
        removal.reportedNotReady().ifPresent(at -> timeline.mark(at, "platform: " + victim.name() + " not ready"));
        removal.removedAt().ifPresent(removed -> timeline.window(frozen.at(), removed, victim.name() + " frozen, in rotation")
                .window(removed, removed.plus(observation), "observation after removal")
                .mark(removed, "out of rotation"));
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while " + victim.name() + " hangs", timeline, impact);

        String platformView = removal.reportedNotReady().map(at -> "the platform reported it not ready at +" + Durations.seconds(frozen.at(), at))
                .orElse("the platform never reported it not ready");
        Restoration clients = removal.clientsSeeHealthy();
        if (removal.removedAt().isPresent()) {
            Instant removed = removal.removedAt().get();
            criterion.check("removal-time", Duration.between(frozen.at(), removed), "clients saw no failure from +"
                    + Durations.seconds(frozen.at(), clients.healthyFrom().orElseThrow()) + ", " + platformView
                    + "; the later counts (freeze at " + Timeline.timeOfDay(frozen.at()) + ")");
            Timeline after = timeline.between(removed, removed.plus(observation));
            criterion.check("success-rate-after-removal", after.availabilityPercent(), after.requests() + " requests, "
                    + after.failures() + " failed, in the " + Durations.seconds(observation) + " after the removal");
        } else {
            criterion.check("removal-time", clients.elapsed(), victim.name() + " still in rotation, a lower bound: "
                    + clients.evaluation().describe() + " after the freeze at " + Timeline.timeOfDay(frozen.at()) + "; " + platformView);
            evidence.note("success after removal not measured: " + victim.name() + " was not taken out of rotation");
        }
    }

    /**
     * Watches, from the freeze, for the instance to leave rotation (clients and platform), keeps measuring for
     * the observation time after that, and thaws the instance whatever happened.
     */
    private static Removal observeRemoval(Instance victim, Disruption frozen, Duration removalDeadline, Duration observation,
                                          SteadyState steadyState, Evidence evidence) {
        AtomicBoolean watching = new AtomicBoolean(true);
        CompletableFuture<Optional<Instant>> reportedNotReady = CompletableFuture.supplyAsync(
                () -> whenReportedNotReady(victim, frozen, removalDeadline, watching));
        Restoration clientsSeeHealthy;
        Optional<Instant> removedAt;
        Instant frozenBy = Instant.now();
        Disruption thawed;
        try {
            clientsSeeHealthy = steadyState.awaitRestored("the freeze", frozen.at(), removalDeadline);
            removedAt = clientsSeeHealthy.healthyFrom().map(healthy -> later(healthy, reportedNotReady.getNow(Optional.empty())));
            removedAt.ifPresent(removed -> evidence.step("Observe the service for " + Durations.seconds(observation)
                    + " after the removal", () -> MeasurementWindow.hold(Durations.remaining(removed, observation))));
        } finally {
            watching.set(false);
            thawed = evidence.disrupt("Thaw " + victim.name(), victim::thaw);
        }
        return new Removal(clientsSeeHealthy, removedAt, reportedNotReady.join(), frozenBy, thawed);
    }

    /**
     * @param clientsSeeHealthy when clients saw no more failures
     * @param removedAt         out of rotation: the later of what clients saw and what the platform reported
     * @param reportedNotReady  when the platform first reported the frozen instance not ready, if it did
     * @param frozenBy          when the freeze call had returned: the instance was frozen by then
     * @param thawed            the thaw, at the instant it was asked for: the requests the frozen instance held are
     *                          answered as soon as it thaws, which on a busy machine is well before the call returns
     */
    private record Removal(Restoration clientsSeeHealthy, Optional<Instant> removedAt, Optional<Instant> reportedNotReady,
                           Instant frozenBy, Disruption thawed) {
    }

    /**
     * Out of rotation is the later of what clients saw (no failed request from then on) and what the platform
     * reported (not ready): a request lands on the frozen instance only every few requests, so clients alone
     * may see the removal a little early; the platform alone may report it before it routes accordingly.
     */
    private static Instant later(Instant clientsSeeHealthy, Optional<Instant> platformReportsNotReady) {
        return platformReportsNotReady.filter(reported -> reported.isAfter(clientsSeeHealthy)).orElse(clientsSeeHealthy);
    }

    /**
     * How many requests {@code instance} answered entirely between {@code from} and {@code to}: started after
     * {@code from} (one in flight before may be answered late on a busy machine) and answered before {@code to}, the
     * thaw (one the frozen instance held is answered as soon as it thaws).
     */
    static long answersFrom(Timeline timeline, String instance, Instant from, Instant to) {
        long fromMicros = Timeline.micros(from);
        long toMicros = Timeline.micros(to);
        return timeline.results().stream().filter(r -> r.ok() && instance.equals(r.instance()))
                .filter(r -> r.t() > fromMicros && r.t() + r.micros() < toMicros).count();
    }

    /**
     * When the platform first reported the frozen instance not ready (its own view), if it did within the
     * deadline from the freeze and while {@code watching}.
     */
    private static Optional<Instant> whenReportedNotReady(Instance victim, Disruption frozen, Duration deadline,
                                                         AtomicBoolean watching) {
        try {
            await(victim.name() + " reported not ready").atMost(frozen.remainingOf(deadline).plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !watching.get() || !victim.isReady());
            return watching.get() ? Optional.of(Instant.now()) : Optional.empty();
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }
}
