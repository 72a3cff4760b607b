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
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * KP-FO-01 — Losing an instance interrupts service.
 *
 * <p>The platform MUST keep serving through the loss of one of its instances (availability and longest
 * outage within the criterion, measured by a client inside the tenant at a steady request rate over the
 * criterion's observation time from the loss) and MUST restore the full number of healthy instances, with
 * every request succeeding again, by itself within the criterion's recovery time.
 *
 * <p>Disruption: <em>delete</em>. The instance is removed abruptly, without grace, as when its node is lost;
 * the platform's controller must replace it (Kubernetes: pod delete with grace 0, the ReplicaSet starts a
 * new pod; local: forced removal of the container, the driver's controller starts a new one). Every
 * duration counts from the instant the deletion took effect.
 */
@Verifies("KP-FO-01")
@Disruptive
class InstanceLossCheck {

    @PlatformCheck
    void service_survives_the_loss_of_one_instance(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Duration deadline = criterion.duration("recovery-time");
        Duration observation = criterion.duration("observation-time");
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(instances), evidence);
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, instances, evidence)
                .reads("/identity", criterion.value("request-rate"), ServiceTraffic.REQUEST_TIMEOUT);

        Outcome<Recovery> outcome = DisruptionExperiment.run(traffic, "every request to 'web' succeeds", () -> {
            Instance victim = web.instance(0);
            return evidence.disrupt("Delete instance " + victim.name(), victim::delete);
        }, (deleted, steadyState) -> recover(web, instances, deleted, deadline, observation, steadyState, evidence));

        Disruption deleted = outcome.disruption();
        Recovery recovery = outcome.recovery();
        DisruptionImpact impact = outcome.impact();
        recovery.ready().ifPresent(ready -> outcome.timeline().window(deleted.at(), deleted.at().plus(ready), "recovering")
                .mark(deleted.at().plus(ready), instances + " ready"));
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while instance " + deleted.target() + " is deleted",
                outcome.timeline(), impact);

        criterion.check("availability", impact.availabilityPercent(), impact.availabilityText() + "; " + impact.rtoText());
        criterion.check("longest-outage", impact.longestOutageDuration(), impact.outageText() + "; " + impact.rtoText());
        if (recovery.ready().isEmpty()) {
            Duration waited = Duration.between(deleted.at(), recovery.decidedAt());
            criterion.check("recovery-time", waited, "fewer than " + instances + " instances ready " + Durations.seconds(waited)
                    + " after the deletion");
        } else {
            // Recovered means both: the platform reports every instance ready, and clients see a steady service.
            Duration ready = recovery.ready().get();
            criterion.check("recovery-time", recovery.restoration().elapsedTogetherWith(ready), instances + " instances ready "
                    + Durations.seconds(ready) + " after the deletion; " + recovery.restoration().describe());
        }
    }

    /**
     * Waits, from the deletion, until the platform reports every instance ready and clients see a steady
     * service again, then keeps measuring until the criterion's observation time from the deletion has passed:
     * availability is a share of the requests over that time, not of the few seconds a fast recovery takes
     * (where the one request a deletion cuts off would decide the verdict).
     */
    private static Recovery recover(Workload web, int instances, Disruption deleted, Duration deadline, Duration observation,
                                    SteadyState steadyState, Evidence evidence) {
        Duration ready = null;
        try {
            ready = evidence.step("Wait for " + instances + " ready instances again (at most " + Durations.seconds(deadline)
                    + " from the deletion)", () -> web.awaitReady(instances, deleted.at(), deadline));
        } catch (DeadlineExceededException e) {
            evidence.note("not recovered within the " + Durations.seconds(deadline) + " allowed: " + e.getMessage());
        }
        Instant decidedAt = Instant.now();
        Restoration restoration = ready == null ? null : steadyState.awaitRestored("the deletion", deleted.at(), deadline);
        Duration toObserve = deleted.remainingOf(observation);
        if (!toObserve.isZero()) {
            evidence.step("Keep measuring until " + Durations.seconds(observation) + " after the deletion",
                    () -> MeasurementWindow.hold(toObserve));
        }
        return new Recovery(Optional.ofNullable(ready), restoration, decidedAt);
    }

    /**
     * @param ready       how long after the deletion the platform reported every instance ready, if it did in time
     * @param restoration when clients saw a steady service again (null when the instances never came back)
     * @param decidedAt   when the wait for the instances ended
     */
    private record Recovery(Optional<Duration> ready, Restoration restoration, Instant decidedAt) {
    }
}
