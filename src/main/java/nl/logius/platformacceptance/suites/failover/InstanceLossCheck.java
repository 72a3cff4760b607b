package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.check.SteadyState.Restoration;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;

import java.time.Duration;
import java.time.Instant;

/**
 * KP-FO-01 — Losing an instance interrupts service.
 *
 * <p>The platform MUST keep serving through the crash of one of its instances (availability and longest
 * outage within the criterion, measured by a client inside the tenant at a steady request rate over the
 * criterion's observation time from the crash) and MUST restore the full number of healthy instances, with every
 * request succeeding again, by itself within the criterion's recovery time.
 */
@Verifies("KP-FO-01")
@Disruptive
class InstanceLossCheck {

    @PlatformCheck
    void service_survives_the_loss_of_one_instance(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Duration deadline = criterion.duration("recovery-time");
        Workload web = evidence.step("Deploy probe x" + instances + " as service 'web' over the zones",
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(instances)));
        ServiceTraffic traffic = ServiceTraffic.reads(tenant, tenant.zones().get(0), web, instances, "/identity",
                criterion.value("request-rate"), evidence);
        SteadyState steadyState = traffic.steadyState("every request to 'web' succeeds");
        Instant kill;
        Instance victim;
        Duration ready = null;
        Duration waited = null;
        Restoration restoration = null;
        Timeline timeline;
        try {
            steadyState.verifyBefore();
            victim = web.instance(0);
            kill = Instant.now();
            evidence.step("Kill instance " + victim.name() + " (SIGKILL of its main process)", victim::kill);
            try {
                ready = evidence.step("Wait for " + instances + " healthy instances again (at most " + deadline.toSeconds() + " s)",
                        () -> web.awaitReady(instances, deadline));
            } catch (DeadlineExceededException e) {
                waited = Duration.between(kill, Instant.now());
                evidence.note("not recovered within the " + deadline.toSeconds() + " s allowed: " + e.getMessage());
            }
            if (ready != null) {
                restoration = steadyState.awaitRestored("the kill", kill, deadline);
            }
            // Availability is a share of the requests over the criterion's observation time, not of the few
            // seconds a fast recovery takes (where the one request a crash cuts off would decide the verdict).
            Duration observation = criterion.duration("observation-time");
            Duration observed = Duration.between(kill, Instant.now());
            if (observed.compareTo(observation) < 0) {
                evidence.step("Keep measuring until " + observation.toSeconds() + " s after the kill",
                        () -> MeasurementWindow.hold(observation.minus(observed)));
            }
        } finally {
            timeline = traffic.stop();
        }
        DisruptionImpact impact = DisruptionImpact.of(timeline, "kill " + victim.name(), kill, timeline.end().orElse(kill));
        if (ready != null) {
            timeline.window(kill, kill.plus(ready), "recovering").mark(kill.plus(ready), instances + " ready");
        }
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while an instance is killed", timeline, impact);

        String requests = impact.availabilityText() + "; " + impact.rtoText();
        criterion.check("availability", impact.availabilityPercent(), requests);
        criterion.check("longest-outage", impact.longestOutageDuration(), impact.outageText() + "; " + impact.rtoText());
        if (ready == null) {
            criterion.check("recovery-time", waited, "fewer than " + instances + " instances ready after " + waited.toSeconds() + " s");
        } else {
            // Recovered means both: the platform reports every instance ready, and clients see a steady service.
            criterion.check("recovery-time", restoration.elapsedTogetherWith(ready), instances + " instances ready " + ready.toMillis() + " ms after the kill; "
                    + restoration.describe());
        }
    }
}
