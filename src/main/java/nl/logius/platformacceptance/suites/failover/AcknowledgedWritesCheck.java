package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.SteadyState;
import nl.logius.platformacceptance.check.SteadyState.Restoration;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.platform.ProbeClient.SequenceLog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KP-FO-04 — Acknowledged writes lost on failover.
 *
 * <p>When the instance of a stateful workload crashes, the platform MUST bring the workload back with its
 * volume so that every write it acknowledged before the crash is still there (RPO 0: 0 acknowledged writes
 * missing), and writes MUST be accepted again within the criterion's write recovery time (RTO).
 *
 * <p>A client inside the tenant sends sequence-numbered writes at the criterion's rate; the workload
 * acknowledges each only once it is durable on its volume. The check records every acknowledged sequence
 * number, kills the stateful instance (SIGKILL, as a crash), waits until writes are accepted again, reads the
 * log back from the replacement and reports the acknowledged writes that are missing. On the local platform
 * the crash is a process crash: the page cache survives it, so what is lost is what never left the
 * workload's memory; a node crash, which also loses the page cache, cannot be reproduced locally.
 */
@Verifies("KP-FO-04")
@Disruptive
class AcknowledgedWritesCheck {

    private static final String MOUNT = "/data";
    private static final String LOG = MOUNT + "/writes.log";
    private static final long VOLUME_BYTES = 64L << 20;

    @PlatformCheck
    void acknowledged_writes_survive_the_crash_of_a_stateful_instance(Tenant tenant, Criterion criterion, Evidence evidence) {
        Duration deadline = criterion.duration("write-recovery-time");
        Volume volume = evidence.step("Provision a volume of " + (VOLUME_BYTES >> 20) + " MiB",
                () -> tenant.createVolume(VolumeSpec.of("journal", VOLUME_BYTES)));
        Workload store = evidence.step("Deploy a stateful probe 'store' with the volume at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("store").mount(volume, MOUNT)));
        ServiceTraffic traffic = ServiceTraffic.writes(tenant, tenant.zones().get(0), store, 1, "/log/append?file=" + LOG,
                criterion.value("write-rate"), evidence);
        SteadyState steadyState = traffic.steadyState("every write to 'store' is acknowledged");
        Instance victim;
        Instant kill;
        Restoration restoration;
        Timeline timeline;
        try {
            steadyState.verifyBefore();
            victim = store.instance(0);
            kill = Instant.now();
            evidence.step("Kill instance " + victim.name() + " (SIGKILL of its main process)", victim::kill);
            restoration = steadyState.awaitRestored("the kill", kill, deadline);
        } finally {
            timeline = traffic.stop();
        }
        DisruptionImpact impact = DisruptionImpact.of(timeline, "kill " + victim.name(), kill, timeline.end().orElse(kill));
        restoration.healthyFrom().ifPresent(at -> timeline.window(kill, at, "writes refused"));
        ServiceTraffic.attach(evidence, criterion, "Writes to 'store' while its instance is killed", timeline, impact);
        if (!restoration.restored()) {
            criterion.check("write-recovery-time", restoration.elapsed(), "a lower bound, writes still refused; "
                    + restoration.describe());
            evidence.note("missing acknowledged writes not measured: the workload did not accept writes again");
            return;
        }

        // Read only after the traffic stopped: from here on the set of acknowledged writes is final.
        SequenceLog log = evidence.step("Read the log back from the instance that replaced " + victim.name(), () -> {
            store.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
            return store.instance(0).probe().readSequenceLog(LOG);
        });
        List<Long> acknowledged = timeline.results().stream().filter(RequestResult::ok).map(RequestResult::seq).toList();
        Set<Long> present = new HashSet<>(log.sequences());
        List<Long> missing = acknowledged.stream().filter(seq -> !present.contains(seq)).sorted().toList();
        List<Long> acknowledgedBeforeKill = timeline.between(timeline.start().orElse(kill), kill).results().stream()
                .filter(RequestResult::ok).map(RequestResult::seq).toList();
        evidence.attachJson("acknowledged and missing writes", writesEvidence(acknowledged, acknowledgedBeforeKill, log, missing));

        criterion.check("missing-acknowledged-writes", missing.size(), acknowledged.size() + " writes acknowledged ("
                + acknowledgedBeforeKill.size() + " before the kill), " + log.sequences().size() + " in the log read back"
                + (missing.isEmpty() ? "" : "; missing: " + abbreviate(missing)));
        criterion.check("write-recovery-time", impact.rto().orElse(restoration.elapsed()), impact.rtoText() + "; "
                + restoration.describe());
    }

    private static Map<String, Object> writesEvidence(List<Long> acknowledged, List<Long> acknowledgedBeforeKill,
                                                      SequenceLog log, List<Long> missing) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("acknowledged", acknowledged.size());
        evidence.put("acknowledgedBeforeKill", acknowledgedBeforeKill.size());
        evidence.put("lastAcknowledgedBeforeKill", acknowledgedBeforeKill.stream().max(Long::compare).orElse(null));
        evidence.put("readBack", log.sequences().size());
        evidence.put("malformedLines", log.malformedLines());
        evidence.put("notYetWrittenAtReadBack", log.notYetWritten());
        evidence.put("missing", missing);
        return evidence;
    }

    private static String abbreviate(List<Long> sequences) {
        return sequences.size() <= 10 ? "seq " + sequences
                : "seq " + sequences.subList(0, 10).toString().replace("]", ", ...] (" + sequences.size() + ")");
    }
}
