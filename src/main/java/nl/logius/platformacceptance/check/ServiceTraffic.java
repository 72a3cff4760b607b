package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Traffic to a service as a client inside the tenant sees it: a client probe, in a zone the check chooses,
 * requests the service through its name, either at a steady rate while the check updates, scales or
 * disrupts the service (the continuous prober, whose {@link #stop()} returns a {@link Timeline}), or a
 * number of times in a row ({@link #requests}). Availability, outages and the RTO are then what a client saw,
 * not what the platform reports. The client is a tool of the check: what the check does to the service never
 * touches it.
 *
 * <pre>{@code
 * Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(3), evidence);
 * ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, 3, evidence)
 *         .reads("/identity", criterion.value("request-rate"), ServiceTraffic.REQUEST_TIMEOUT);
 * try { ... } finally { timeline = traffic.stop(); }
 * }</pre>
 */
public final class ServiceTraffic {

    /** How long a request may take before it counts as failed: a client's patience, not a criterion's. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The rate of a prober whose timeline only shows what happened (no criterion judges its rate): the
     * resolution of the times read from it.
     */
    public static final double TIMELINE_RATE_PER_SECOND = 20;

    private final Workload service;
    private final Instance client;
    private final Evidence evidence;
    private Timeline timeline;

    private ServiceTraffic(Workload service, Instance client, Evidence evidence) {
        this.service = service;
        this.client = client;
        this.evidence = evidence;
    }

    /** Deploys a workload as a step: {@code Deploy probe x3 version 1 as service 'web' over the zones}. */
    public static Workload deploy(Tenant tenant, WorkloadSpec spec, Evidence evidence) {
        String where = spec.zone().map(zone -> "in zone " + zone).orElse("over the zones " + tenant.zones());
        return evidence.step(String.format(Locale.ROOT, "Deploy probe x%d version %s as service '%s' %s%s", spec.instances(),
                spec.version(), spec.name(), where, spec.stableIdentity() ? ", with stable identity" : ""), () -> tenant.deploy(spec));
    }

    /**
     * Deploys the client probe in {@code clientZone} and waits until it and {@code instances} instances of
     * {@code service} are ready (the harness's own deadline: until then nothing is measured).
     */
    public static ServiceTraffic from(Tenant tenant, Zone clientZone, Workload service, int instances, Evidence evidence) {
        Workload client = evidence.step("Deploy a client probe in zone " + clientZone,
                () -> tenant.deploy(WorkloadSpec.probe("client").inZone(clientZone)));
        evidence.step("Wait until " + instances + " instance(s) of '" + service.name() + "' and the client are ready", () -> {
            service.awaitReady(instances, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        return new ServiceTraffic(service, client.instance(0), evidence);
    }

    /** Starts GET requests to {@code path} of the service at {@code ratePerSecond}, each failed after {@code requestTimeout}. */
    public ServiceTraffic reads(String path, double ratePerSecond, Duration requestTimeout) {
        String url = service.serviceUrl(path);
        evidence.step(String.format(Locale.ROOT, "Send %s req/s to %s from %s inside the tenant (a request fails after %s)",
                Threshold.formatNumber(ratePerSecond), url, client.name(), Durations.seconds(requestTimeout)),
                () -> probe().startProber(url, ratePerSecond, requestTimeout));
        return this;
    }

    /**
     * Starts sequence-numbered writes, POST {@code path&seq=n}, at {@code ratePerSecond}, so that every
     * result says which write it acknowledged.
     */
    public ServiceTraffic writes(String path, double ratePerSecond) {
        String url = service.serviceUrl(path);
        evidence.step("Write " + Threshold.formatNumber(ratePerSecond) + " sequence-numbered writes/s to " + url + " from "
                + client.name() + " inside the tenant", () -> probe().startSequencedWrites(url, ratePerSecond, REQUEST_TIMEOUT));
        return this;
    }

    /** The steady-state gate on this traffic: {@code hypothesis} says what holds, e.g. every request succeeds. */
    public SteadyState steadyState(String hypothesis) {
        return SteadyState.of(hypothesis, probe()::proberResults, evidence);
    }

    /** The results so far of the requests that started at or after {@code since}. */
    public List<RequestResult> resultsSince(Instant since) {
        return probe().proberResults(since).results();
    }

    /** {@code count} GET requests to {@code path} through the service name, one after the other, within {@code budget}. */
    public List<RequestResult> requests(String path, int count, Duration requestTimeout, Duration budget) {
        return probe().get(service.serviceUrl(path), count, requestTimeout, budget);
    }

    /** Stops the prober (once; later calls return the same timeline) and returns every request's result. */
    public synchronized Timeline stop() {
        if (timeline == null) {
            timeline = new Timeline(evidence.step("Stop the traffic and collect its timeline", probe()::stopProber));
        }
        return timeline;
    }

    private ProbeClient probe() {
        return client.probe();
    }

    /** The pictures and numbers of a disruption: the timeline chart, every request as CSV, the impact as JSON. */
    public static void attach(Evidence evidence, Criterion criterion, String title, Timeline timeline, DisruptionImpact impact) {
        impact.markOn(timeline);
        // The RTO and the outage have no threshold of their own in the register, but an auditor needs the values.
        impact.rto().ifPresent(rto -> criterion.observe("rto", rto, impact.rtoText()));
        criterion.observe("requests-failed", impact.failures(), Unit.COUNT, impact.availabilityText());
        // The chart's own summary counts every request; the title gives what the criterion counts.
        evidence.attachSvg("timeline", timeline.chart(title + " (from the disruption: availability "
                + Threshold.formatNumber(impact.availabilityPercent()) + " %, longest outage "
                + Durations.seconds(impact.longestOutageDuration()) + ", RTO "
                + impact.rto().map(Durations::seconds).orElse("none") + ")"));
        evidence.attachCsv("requests", timeline.csv());
        evidence.attachJson("disruption impact", impact.evidence());
        evidence.note(impact.rtoText() + "; " + impact.outageText() + "; availability "
                + Threshold.formatNumber(impact.availabilityPercent()) + " % (" + impact.availabilityText() + ")");
    }
}
