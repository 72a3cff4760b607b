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
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * KP-FO-02 — Losing a zone interrupts service.
 *
 * <p>A workload whose instances the platform spreads over its zones MUST keep serving while the zone that
 * holds most of them is cut off for the criterion's cut duration (availability and longest outage within
 * the criterion, as seen by a client in a zone that stays), and MUST serve again with every instance
 * within the criterion's recovery time after the zone returns.
 *
 * <p>The client is placed in a zone that is not cut off, so that what it measures is the service, not its
 * own isolation. On the local platform a zone is cut off by disconnecting its instances from the tenant's
 * network; on Kubernetes a network policy does the same.
 */
@Verifies("KP-FO-02")
@Disruptive
class ZoneLossCheck {

    @PlatformCheck
    void service_survives_the_loss_of_a_zone(Tenant tenant, Criterion criterion, Evidence evidence) {
        if (tenant.zones().size() < 2) {
            throw new NotSupportedException("the target has " + tenant.zones().size() + " zone(s); losing a zone needs two");
        }
        int instances = criterion.count("instances");
        Duration cutDuration = criterion.duration("cut-duration");
        Duration deadline = criterion.duration("recovery-time");
        Workload web = evidence.step("Deploy probe x" + instances + " as service 'web', spread over zones " + tenant.zones(),
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(instances).spreadOverZones()));
        Map<Zone, List<String>> placement = placement(web.instances());
        evidence.attachText("placement of 'web'", placement.toString());
        Zone lost = zoneToCut(placement, tenant.zones());
        Zone kept = tenant.zones().stream().filter(zone -> !zone.equals(lost)).findFirst().orElseThrow();
        evidence.note("zone " + lost + " holds most instances of 'web' and will be cut off; the client goes to zone "
                + kept + ", which stays connected");
        ServiceTraffic traffic = ServiceTraffic.reads(tenant, kept, web, instances, "/identity",
                criterion.value("request-rate"), evidence);
        SteadyState steadyState = traffic.steadyState("every request to 'web' succeeds");
        Instant cutAt;
        Instant returnedAt;
        Optional<Instant> allServing;
        Restoration restoration = null;
        Timeline timeline;
        List<String> cutOff = placement.getOrDefault(lost, List.of());
        try {
            steadyState.verifyBefore();
            cutAt = Instant.now();
            try {
                evidence.step("Cut zone " + lost + " off " + cutOff, () -> tenant.cutOff(lost));
                evidence.step("Keep zone " + lost + " cut off for " + cutDuration.toSeconds() + " s",
                        () -> MeasurementWindow.hold(remaining(cutAt, cutDuration)));
            } finally {
                returnedAt = Instant.now();
                evidence.step("Let zone " + lost + " return", () -> tenant.restore(lost));
            }
            allServing = evidence.step("Wait until all " + instances + " instances serve through 'web' again (at most "
                    + deadline.toSeconds() + " s)", () -> awaitEveryInstanceServing(web, traffic, returnedAt, deadline));
            if (allServing.isPresent()) {
                restoration = steadyState.awaitRestored("the zone's return", returnedAt, deadline);
            }
        } finally {
            timeline = traffic.stop();
        }
        DisruptionImpact impact = DisruptionImpact.of(timeline, "cut zone " + lost, cutAt, timeline.end().orElse(cutAt));
        timeline.window(cutAt, returnedAt, "zone " + lost + " cut off").mark(returnedAt, lost + " returns");
        allServing.ifPresent(at -> timeline.mark(at, "all " + instances + " serve"));
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while zone " + lost + " is cut off", timeline, impact);

        criterion.check("availability", impact.availabilityPercent(), impact.availabilityText() + "; " + impact.rtoText());
        criterion.check("longest-outage", impact.longestOutageDuration(), impact.outageText());
        if (allServing.isEmpty()) {
            Duration waited = Duration.between(returnedAt, Instant.now());
            criterion.check("recovery-time", waited, "not every instance served within " + deadline.toSeconds()
                    + " s of the zone's return; served after it: " + servingSince(timeline.results(), returnedAt));
        } else {
            // Full service means both: every instance answers again, and clients see a steady service.
            Duration full = Duration.between(returnedAt, allServing.get());
            criterion.check("recovery-time", restoration.elapsedTogetherWith(full), "all " + instances + " instances served " + full.toMillis()
                    + " ms after the zone's return; " + restoration.describe());
        }
    }

    /** Which instances the platform placed in which zone. */
    static Map<Zone, List<String>> placement(List<Instance> instances) {
        return instances.stream().collect(Collectors.groupingBy(Instance::zone, LinkedHashMap::new,
                Collectors.mapping(Instance::name, Collectors.toList())));
    }

    /**
     * The zone whose loss hurts most: the one holding most instances (on a tie, the later one, so the first
     * zone, where tools usually run, stays).
     */
    static Zone zoneToCut(Map<Zone, List<String>> placement, List<Zone> zones) {
        Comparator<Zone> byInstances = Comparator.comparingInt(zone -> placement.getOrDefault(zone, List.of()).size());
        return zones.stream().max(byInstances.thenComparingInt(zones::indexOf)).orElseThrow();
    }

    /**
     * Waits until the platform reports every instance ready and each has answered a request through the
     * service name since {@code since}; returns when the last of them answered first, or empty at the deadline.
     */
    private static Optional<Instant> awaitEveryInstanceServing(Workload web, ServiceTraffic traffic, Instant since,
                                                               Duration deadline) {
        Set<String> expected = web.instances().stream().map(Instance::name).collect(Collectors.toCollection(TreeSet::new));
        try {
            await("every instance of " + web.name() + " serving through its service name")
                    .atMost(remaining(since, deadline))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> web.readyInstances() >= expected.size()
                            && servingSince(traffic.resultsSince(since), since).keySet().containsAll(expected));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return servingSince(traffic.resultsSince(since), since).values().stream().max(Comparator.naturalOrder());
    }

    /** What is left of {@code duration} counted from {@code start}; zero when it is over. */
    private static Duration remaining(Instant start, Duration duration) {
        Duration left = duration.minus(Duration.between(start, Instant.now()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Each instance that answered successfully since {@code since}, with its first answer. */
    static Map<String, Instant> servingSince(List<RequestResult> results, Instant since) {
        long sinceMicros = Timeline.micros(since);
        return results.stream().filter(r -> r.ok() && r.instance() != null && r.t() >= sinceMicros)
                .collect(Collectors.toMap(RequestResult::instance, r -> Timeline.instant(r.t()),
                        (a, b) -> a.isBefore(b) ? a : b, java.util.TreeMap::new));
    }
}
