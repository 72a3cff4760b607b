package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.MeasurementWindow;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.probe.ProbeClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * KP-FO-01 — Losing an instance interrupts service.
 *
 * <p>The platform MUST keep serving through the crash of one of its instances (availability and longest
 * outage within the criterion, measured by a client inside the tenant at a steady request rate) and MUST
 * restore the full number of healthy instances by itself within the criterion's recovery time.
 */
@Verifies("KP-FO-01")
@Disruptive
class InstanceLossCheck {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    @PlatformCheck
    void service_survives_the_loss_of_one_instance(Tenant tenant, Criterion criterion, Evidence evidence) {
        int instances = criterion.count("instances");
        Workload web = evidence.step("Deploy probe x" + instances + " as service 'web' over the zones",
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(instances)));
        Workload client = evidence.step("Deploy a client probe in zone " + tenant.zones().get(0),
                () -> tenant.deploy(WorkloadSpec.probe("client").inZone(tenant.zones().get(0))));
        evidence.step("Wait until all are ready", () -> {
            web.awaitReady(instances, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        ProbeClient prober = client.instance(0).probe();
        double rate = criterion.value("request-rate");
        evidence.step(String.format(Locale.ROOT, "Probe %s at %s req/s from inside the tenant", web.serviceUrl("/identity"),
                nl.logius.platformacceptance.register.Threshold.formatNumber(rate)),
                () -> prober.startProber(web.serviceUrl("/identity"), rate, REQUEST_TIMEOUT));
        Instant kill;
        Duration recovery = null;
        Duration waited = null;
        String recoveryDetail;
        Timeline timeline;
        try {
            evidence.step("Steady state: measure for " + Deadlines.STEADY_STATE_WINDOW.toSeconds() + " s before the disruption",
                    () -> MeasurementWindow.hold(Deadlines.STEADY_STATE_WINDOW));
            Instance victim = web.instance(0);
            kill = Instant.now();
            evidence.step("Kill instance " + victim.name() + " (SIGKILL of its main process)", victim::kill);
            Duration deadline = criterion.duration("recovery-time");
            try {
                recovery = evidence.step("Wait for " + instances + " healthy instances again (at most " + deadline.toSeconds() + " s)",
                        () -> web.awaitReady(instances, deadline));
                recoveryDetail = instances + " instances ready " + recovery.toMillis() + " ms after the kill";
            } catch (DeadlineExceededException e) {
                waited = Duration.between(kill, Instant.now());
                recoveryDetail = "not recovered within the " + deadline.toSeconds() + " s allowed: " + e.getMessage();
            }
            evidence.step("Keep measuring for " + Deadlines.AFTER_RECOVERY_WINDOW.toSeconds() + " s after recovery",
                    () -> MeasurementWindow.hold(Deadlines.AFTER_RECOVERY_WINDOW));
        } finally {
            timeline = new Timeline(evidence.step("Stop the prober and collect its timeline", prober::stopProber));
        }
        Instant recoveredAt = recovery == null ? null : kill.plus(recovery);
        timeline.mark(kill, "kill " + web.name() + "-0");
        if (recoveredAt != null) {
            timeline.window(kill, recoveredAt, "recovering").mark(recoveredAt, instances + " ready");
        }
        evidence.attachSvg("availability timeline", timeline.chart("Requests to 'web' while an instance is killed"));
        evidence.attachCsv("prober timeline", timeline.csv());

        Timeline before = timeline.between(timeline.start().orElse(kill), kill);
        if (before.requests() == 0 || before.failures() > 0) {
            throw new PlatformException("steady state not reached before the disruption: " + before.failures() + " of "
                    + before.requests() + " requests failed; the check cannot measure the effect of the kill");
        }
        String requests = timeline.requests() + " requests, " + timeline.failures() + " failed";
        criterion.check("availability", timeline.availabilityPercent(), requests);
        criterion.check("longest-outage", timeline.longestOutage(), requests);
        criterion.check("recovery-time", recovery != null ? recovery : waited, recoveryDetail);
    }
}
