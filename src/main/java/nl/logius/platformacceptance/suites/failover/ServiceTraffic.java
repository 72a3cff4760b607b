package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The traffic of a failover check: a client probe inside the tenant, in a zone the check chooses, sends
 * requests to the service at a steady rate and records each, so that availability, outages and the RTO are what a client saw, not what
 * the platform reports. Started by the factory methods; {@link #stop()} ends it and returns its timeline.
 *
 * <pre>{@code
 * ServiceTraffic traffic = ServiceTraffic.reads(tenant, zone, web, 3, "/identity", 20, evidence);
 * try { ... } finally { timeline = traffic.stop(); }
 * }</pre>
 */
final class ServiceTraffic {

    /** How long a request may take before it counts as failed: a client's patience, not a criterion's. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final ProbeClient prober;
    private final Evidence evidence;
    private Timeline timeline;

    private ServiceTraffic(ProbeClient prober, Evidence evidence) {
        this.prober = prober;
        this.evidence = evidence;
    }

    /**
     * Deploys the client probe in {@code clientZone}, waits until it and {@code instances} instances of
     * {@code service} are ready, and starts GET requests to {@code path} of the service at {@code ratePerSecond}.
     */
    static ServiceTraffic reads(Tenant tenant, Zone clientZone, Workload service, int instances, String path,
                                double ratePerSecond, Evidence evidence) {
        Instance client = deployClient(tenant, clientZone, service, instances, evidence);
        ServiceTraffic traffic = new ServiceTraffic(client.probe(), evidence);
        String url = service.serviceUrl(path);
        evidence.step("Send " + Threshold.formatNumber(ratePerSecond) + " req/s to " + url + " from " + client.name()
                + " inside the tenant", () -> traffic.prober.startProber(url, ratePerSecond, REQUEST_TIMEOUT));
        return traffic;
    }

    /**
     * As {@link #reads}, with sequence-numbered writes: POST {@code path&seq=n}, so that every result says
     * which write it acknowledged.
     */
    static ServiceTraffic writes(Tenant tenant, Zone clientZone, Workload service, int instances, String path,
                                 double ratePerSecond, Evidence evidence) {
        Instance client = deployClient(tenant, clientZone, service, instances, evidence);
        ServiceTraffic traffic = new ServiceTraffic(client.probe(), evidence);
        String url = service.serviceUrl(path);
        evidence.step("Write " + Threshold.formatNumber(ratePerSecond) + " sequence-numbered writes/s to " + url + " from "
                + client.name() + " inside the tenant", () -> traffic.prober.startSequencedWrites(url, ratePerSecond, REQUEST_TIMEOUT));
        return traffic;
    }

    private static Instance deployClient(Tenant tenant, Zone zone, Workload service, int instances, Evidence evidence) {
        Workload client = evidence.step("Deploy a client probe in zone " + zone,
                () -> tenant.deploy(WorkloadSpec.probe("client").inZone(zone)));
        evidence.step("Wait until " + instances + " instances of '" + service.name() + "' and the client are ready", () -> {
            service.awaitReady(instances, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        return client.instance(0);
    }

    /** The steady-state gate on this traffic: {@code hypothesis} says what holds, e.g. every request succeeds. */
    SteadyState steadyState(String hypothesis) {
        return SteadyState.of(hypothesis, prober::proberResults, evidence);
    }

    /** The results so far of the requests that started at or after {@code since}. */
    List<RequestResult> resultsSince(Instant since) {
        return prober.proberResults(since).results();
    }

    /** Stops the traffic (once; later calls return the same timeline) and returns every request's result. */
    synchronized Timeline stop() {
        if (timeline == null) {
            timeline = new Timeline(evidence.step("Stop the traffic and collect its timeline", prober::stopProber));
        }
        return timeline;
    }

    /** The pictures and numbers of a disruption: the timeline chart, every request as CSV, the impact as JSON. */
    static void attach(Evidence evidence, Criterion criterion, String title, Timeline timeline, DisruptionImpact impact) {
        impact.markOn(timeline);
        // The RTO and the outage have no threshold of their own in the register, but an auditor needs the values.
        impact.rto().ifPresent(rto -> criterion.observe("rto", rto, impact.rtoText()));
        criterion.observe("requests-failed", impact.failures(), Unit.COUNT, impact.availabilityText());
        // The chart's own summary counts every request; the title gives what the criterion counts.
        evidence.attachSvg("timeline", timeline.chart(title + " (from the disruption: availability "
                + Threshold.formatNumber(impact.availabilityPercent()) + " %, longest outage "
                + Threshold.formatNumber(impact.longestOutageDuration().toMillis() / 1000d) + " s, RTO "
                + impact.rto().map(rto -> Threshold.formatNumber(rto.toMillis() / 1000d) + " s").orElse("none") + ")"));
        evidence.attachCsv("requests", timeline.csv());
        evidence.attachJson("disruption impact", impact.evidence());
        evidence.note(impact.rtoText() + "; " + impact.outageText() + "; availability "
                + Threshold.formatNumber(impact.availabilityPercent()) + " % (" + impact.availabilityText() + ")");
    }
}
