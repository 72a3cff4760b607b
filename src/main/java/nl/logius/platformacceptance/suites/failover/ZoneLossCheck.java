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
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>Disruption: <em>zone cut</em>, every instance of the zone cut off from the rest of the tenant in both
 * directions (local: disconnected from the tenant's network; Kubernetes: a NetworkPolicy denying all ingress
 * and egress of the zone's pods). The client is placed in a zone that is not cut off, so that what it
 * measures is the service, not its own isolation. Availability counts from the cut; recovery from the
 * zone's return.
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
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(instances).spreadOverZones(), evidence);
        Map<Zone, List<String>> placement = placement(web.instances());
        evidence.attachText("placement of 'web'", placement.toString());
        Zone lost = zoneToCut(placement, tenant.zones());
        Zone kept = tenant.zones().stream().filter(zone -> !zone.equals(lost)).findFirst().orElseThrow();
        evidence.note("zone " + lost + " holds most instances of 'web' and will be cut off; the client goes to zone "
                + kept + ", which stays connected");
        ServiceTraffic traffic = ServiceTraffic.from(tenant, kept, web, instances, evidence)
                .reads("/identity", criterion.value("request-rate"), ServiceTraffic.REQUEST_TIMEOUT);

        Outcome<Recovery> outcome = DisruptionExperiment.run(traffic, "every request to 'web' succeeds",
                () -> evidence.disrupt("Cut zone " + lost + " off " + placement.getOrDefault(lost, List.of()), () -> tenant.cutOff(lost)),
                (cut, steadyState) -> recover(tenant, web, traffic, lost, cut, cutDuration, deadline, steadyState, evidence));

        Disruption cut = outcome.disruption();
        Recovery recovery = outcome.recovery();
        Instant returnedAt = recovery.returned().at();
        Timeline timeline = outcome.timeline();
        DisruptionImpact impact = outcome.impact();
        timeline.window(cut.at(), returnedAt, "zone " + lost + " cut off").mark(returnedAt, lost + " returns");
        recovery.allServing().ifPresent(at -> timeline.mark(at, "all " + instances + " serve"));
        ServiceTraffic.attach(evidence, criterion, "Requests to 'web' while zone " + lost + " is cut off", timeline, impact);

        criterion.check("availability", impact.availabilityPercent(), impact.availabilityText() + "; " + impact.rtoText());
        criterion.check("longest-outage", impact.longestOutageDuration(), impact.outageText());
        if (recovery.allServing().isEmpty()) {
            Duration waited = Duration.between(returnedAt, recovery.decidedAt());
            criterion.check("recovery-time", waited, "not every instance served within " + Durations.seconds(deadline)
                    + " of the zone's return; served after it: " + servingSince(timeline.results(), returnedAt));
        } else {
            // Full service means both: every instance answers again, and clients see a steady service.
            Duration full = Duration.between(returnedAt, recovery.allServing().get());
            criterion.check("recovery-time", recovery.restoration().elapsedTogetherWith(full), "all " + instances
                    + " instances served " + Durations.seconds(full) + " after the zone's return; " + recovery.restoration().describe());
        }
    }

    /** Keeps the zone cut off for the cut duration from the cut, lets it return, and waits for full service from then. */
    private static Recovery recover(Tenant tenant, Workload web, ServiceTraffic traffic, Zone lost, Disruption cut,
                                    Duration cutDuration, Duration deadline, SteadyState steadyState, Evidence evidence) {
        Disruption returned;
        try {
            evidence.step("Keep zone " + lost + " cut off for " + Durations.seconds(cutDuration),
                    () -> MeasurementWindow.hold(cut.remainingOf(cutDuration)));
        } finally {
            returned = evidence.disrupt("Let zone " + lost + " return", () -> tenant.restore(lost));
        }
        Optional<Instant> allServing = evidence.step("Wait until all " + web.instances().size() + " instances serve through 'web'"
                + " again (at most " + Durations.seconds(deadline) + " from the zone's return)",
                () -> awaitEveryInstanceServing(web, traffic, returned.at(), deadline));
        Instant decidedAt = Instant.now();
        Restoration restoration = allServing.isPresent()
                ? steadyState.awaitRestored("the zone's return", returned.at(), deadline) : null;
        return new Recovery(returned, allServing, restoration, decidedAt);
    }

    /**
     * @param returned    the zone's return
     * @param allServing  when the last instance answered through the service name again, if all did in time
     * @param restoration when clients saw a steady service again (null when not every instance served)
     * @param decidedAt   when the wait for every instance ended
     */
    private record Recovery(Disruption returned, Optional<Instant> allServing, Restoration restoration, Instant decidedAt) {
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
                    .atMost(Durations.remaining(since, deadline))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> web.readyInstances() >= expected.size()
                            && servingSince(traffic.resultsSince(since), since).keySet().containsAll(expected));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return servingSince(traffic.resultsSince(since), since).values().stream().max(Comparator.naturalOrder());
    }

    /** Each instance that answered successfully since {@code since}, with its first answer. */
    static Map<String, Instant> servingSince(List<RequestResult> results, Instant since) {
        long sinceMicros = Timeline.micros(since);
        return results.stream().filter(r -> r.ok() && r.instance() != null && r.t() >= sinceMicros)
                .collect(Collectors.toMap(RequestResult::instance, r -> Timeline.instant(r.t()),
                        (a, b) -> a.isBefore(b) ? a : b, TreeMap::new));
    }
}
