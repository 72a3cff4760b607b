package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * KP-DEP-05 — Crashed instances do not heal.
 *
 * <p>The platform MUST, by itself, have an instance whose main process crashed serve again within the
 * criterion's heal time. "Serves again" is seen from a client inside the tenant: a request through the
 * service name is answered by the crashed instance (its identity) — or, on a platform that replaces a
 * crashed instance instead of restarting it, by an instance that did not exist before the crash. The
 * time runs from the instant the crash took effect to the start of that request.
 *
 * <p>Disruption: <em>crash</em>, the instance's main process dies abnormally (local: SIGKILL from the host;
 * elsewhere: the probe halts itself). Only requests that started once the crash call had returned count: on
 * a busy machine the victim, still alive meanwhile, answered requests after the moment the crash was decided,
 * which read as a heal within a tenth of a second (seen once in a calibration).
 */
@Verifies("KP-DEP-05")
@Disruptive
class SelfHealingCheck {

    /** The criterion names no size; a second instance keeps the service up, so only the healing is measured. */
    private static final int INSTANCES = 2;

    @PlatformCheck
    void crashed_instance_serves_again_within_the_heal_time(Tenant tenant, Criterion criterion, Evidence evidence) {
        Duration deadline = criterion.duration("heal-time");
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(INSTANCES), evidence);
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, INSTANCES, evidence)
                .reads("/identity", ServiceTraffic.TIMELINE_RATE_PER_SECOND, ServiceTraffic.REQUEST_TIMEOUT);

        Instance victim;
        Set<String> survivors = new LinkedHashSet<>();
        Disruption crash;
        Instant crashReturned;
        String readiness;
        Timeline timeline;
        try {
            evidence.step("Steady state: measure for " + Durations.seconds(Deadlines.STEADY_STATE_WINDOW) + " before the crash",
                    () -> MeasurementWindow.hold(Deadlines.STEADY_STATE_WINDOW));
            victim = web.instance(0);
            for (Instance instance : web.instances()) {
                survivors.add(instance.name());
            }
            survivors.remove(victim.name());
            crash = evidence.disrupt("Crash instance " + victim.name(), victim::crash);
            crashReturned = Instant.now();
            try {
                Duration ready = evidence.step("Wait until the platform reports " + INSTANCES + " ready instances again (at most "
                        + Durations.seconds(deadline) + " from the crash)", () -> web.awaitReady(INSTANCES, crash.at(), deadline));
                readiness = "the platform reported " + INSTANCES + " ready instances " + Durations.seconds(ready) + " after the crash";
            } catch (DeadlineExceededException e) {
                // Not back within the criterion's time: a measured failure. The timeline below says whether it served.
                readiness = "the platform did not report " + INSTANCES + " ready instances within " + Durations.seconds(deadline)
                        + " (" + e.getMessage() + ")";
            }
            evidence.step("Keep measuring for " + Durations.seconds(Deadlines.AFTER_ROLLOUT_WINDOW) + " so that a healed instance is seen serving",
                    () -> MeasurementWindow.hold(Deadlines.AFTER_ROLLOUT_WINDOW));
        } finally {
            timeline = traffic.stop();
        }
        Instant measuredUntil = Instant.now();

        // Serving again means answering, in a request started after the crash call returned, as no survivor does:
        // the crashed instance, or a replacement. Survivors are every other instance the platform had at the crash.
        Timeline before = timeline.between(timeline.start().orElse(crash.at()), crash.at());
        Optional<Instant> servesAgain = servesAgain(timeline, crashReturned, survivors);
        timeline.mark(crash.at(), crash.label());
        servesAgain.ifPresent(t -> timeline.window(crash.at(), t, "healing").mark(t, victim.name() + " serves again"));
        evidence.attachSvg("availability timeline by instance", timeline.chartByInstance(
                "Requests to 'web' while " + victim.name() + " crashes and heals, coloured by the instance that answered"));
        evidence.attachCsv("prober timeline", timeline.csv());
        if (!before.answeringInstances().contains(victim.name())) {
            throw new PlatformException(victim.name() + " answered none of the " + before.requests() + " requests before the crash"
                    + " (answering: " + before.answeringInstances() + "); the check cannot measure whether it serves again");
        }

        Duration healTime = Duration.between(crash.at(), servesAgain.orElse(measuredUntil));
        String detail = servesAgain.isPresent()
                ? victim.name() + " answered through the service name again " + Durations.seconds(healTime) + " after the crash"
                : victim.name() + " did not answer through the service name again in the " + Durations.seconds(healTime) + " measured after the crash";
        criterion.check("heal-time", healTime, detail + "; " + readiness);
    }

    /** The start of the first request, started once the crash call had returned, that an instance other than the survivors answered. */
    static Optional<Instant> servesAgain(Timeline timeline, Instant crashReturned, Set<String> survivors) {
        return timeline.firstAnswerAfter(crashReturned, r -> !survivors.contains(r.instance()));
    }
}
