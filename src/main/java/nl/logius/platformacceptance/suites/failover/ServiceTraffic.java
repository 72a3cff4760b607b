package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.probe.ProbeClient;
import nl.logius.platformacceptance.probe.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The traffic of a failover check: a client probe inside the tenant sends requests to the service at a
 * steady rate and records each, so that availability, outages and the RTO are what a client saw, not what
 * the platform reports. Started by the factory methods; {@link #stop()} ends it and returns its timeline.
 *
 * <pre>{@code
 * ServiceTraffic traffic = ServiceTraffic.reads(client.instance(0), web.serviceUrl("/identity"), 20, evidence);
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

    /** GET requests to {@code url} at {@code ratePerSecond}, from the probe in {@code client}. */
    static ServiceTraffic reads(Instance client, String url, double ratePerSecond, Evidence evidence) {
        ServiceTraffic traffic = new ServiceTraffic(client.probe(), evidence);
        evidence.step("Send " + Threshold.formatNumber(ratePerSecond) + " req/s to " + url + " from " + client.name()
                + " inside the tenant", () -> traffic.prober.startProber(url, ratePerSecond, REQUEST_TIMEOUT));
        return traffic;
    }

    /** Sequence-numbered writes (POST {@code url&seq=n}) at {@code ratePerSecond}, from the probe in {@code client}. */
    static ServiceTraffic writes(Instance client, String url, double ratePerSecond, Evidence evidence) {
        ServiceTraffic traffic = new ServiceTraffic(client.probe(), evidence);
        evidence.step("Write " + Threshold.formatNumber(ratePerSecond) + " sequence-numbered writes/s to " + url + " from "
                + client.name() + " inside the tenant", () -> traffic.prober.startSequencedWrites(url, ratePerSecond, REQUEST_TIMEOUT));
        return traffic;
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
    static void attach(Evidence evidence, String title, Timeline timeline, DisruptionImpact impact) {
        impact.markOn(timeline);
        evidence.attachSvg("timeline", timeline.chart(title));
        evidence.attachCsv("requests", timeline.csv());
        evidence.attachJson("disruption impact", impact.evidence());
        evidence.note(impact.rtoText() + "; " + impact.outageText() + "; availability "
                + Threshold.formatNumber(impact.availabilityPercent()) + " % (" + impact.availabilityText() + ")");
    }
}
