package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subject of a deployment check and its traffic: a probe workload, and a client probe beside it in the
 * same tenant that requests the workload's identity through its service name, either at a steady rate while
 * the check updates, rolls back, scales or breaks the workload (the continuous prober), or a number of times
 * in a row. The client is a tool of the check: what the check does to the workload never touches it.
 *
 * <pre>{@code
 * ProbedService web = ProbedService.deploy(tenant, evidence, WorkloadSpec.probe("web").instances(3));
 * web.startTimelineProber(evidence);
 * web.workload().update("2");
 * Timeline timeline = web.stopProber(evidence);
 * }</pre>
 */
final class ProbedService {

    static final double TIMELINE_RATE_PER_SECOND = 20;
    private static final Duration TIMELINE_REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final Workload workload;
    private final Workload client;

    private ProbedService(Workload workload, Workload client) {
        this.workload = workload;
        this.client = client;
    }

    /** Deploys the workload and a client in the first zone, and waits until both are ready (tool deadline). */
    static ProbedService deploy(Tenant tenant, Evidence evidence, WorkloadSpec spec) {
        Workload workload = evidence.step(String.format(Locale.ROOT, "Deploy probe x%d version %s as service '%s' over the zones",
                spec.instances(), spec.version(), spec.name()), () -> tenant.deploy(spec));
        Workload client = evidence.step("Deploy a client probe in zone " + tenant.zones().get(0),
                () -> tenant.deploy(WorkloadSpec.probe("client").inZone(tenant.zones().get(0))));
        evidence.step("Wait until all are ready", () -> {
            workload.awaitReady(spec.instances(), Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        return new ProbedService(workload, client);
    }

    Workload workload() {
        return workload;
    }

    /** {@code http://<service name>:<port>/identity}: every answer names the instance and version that gave it. */
    String identityUrl() {
        return workload.serviceUrl("/identity");
    }

    /**
     * A prober whose timeline only shows what happened: {@value #TIMELINE_RATE_PER_SECOND} req/s with a
     * 1 s timeout, the resolution of the times read from it, not part of any criterion.
     */
    void startTimelineProber(Evidence evidence) {
        startProber(evidence, TIMELINE_RATE_PER_SECOND, TIMELINE_REQUEST_TIMEOUT);
    }

    void startProber(Evidence evidence, double ratePerSecond, Duration requestTimeout) {
        evidence.step(String.format(Locale.ROOT, "Probe %s at %s req/s from inside the tenant (timeout %d ms)", identityUrl(),
                Threshold.formatNumber(ratePerSecond), requestTimeout.toMillis()),
                () -> client().startProber(identityUrl(), ratePerSecond, requestTimeout));
    }

    Timeline stopProber(Evidence evidence) {
        return new Timeline(evidence.step("Stop the prober and collect its timeline", client()::stopProber));
    }

    /** {@code count} requests through the service name, one after the other, within {@code budget}. */
    List<RequestResult> requests(int count, Duration requestTimeout, Duration budget) {
        return client().get(identityUrl(), count, requestTimeout, budget);
    }

    /** The version each instance reports in its identity (asked on the instance itself), by instance name. */
    Map<String, String> versionsOfInstances() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Instance instance : workload.instances()) {
            versions.put(instance.name(), instance.probe().identity().version());
        }
        return versions;
    }

    private ProbeClient client() {
        return client.instance(0).probe();
    }
}
