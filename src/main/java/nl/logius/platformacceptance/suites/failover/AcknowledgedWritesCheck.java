package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.DisruptionExperiment;
import nl.logius.platformacceptance.check.DisruptionExperiment.Outcome;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.SteadyState.Restoration;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.platform.ProbeClient.SequenceLog;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;

import java.time.Duration;
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
 * missing), and writes MUST be accepted again within the criterion's write recovery time (RTO), counted from
 * the crash.
 *
 * <p>Disruption: <em>crash</em>, the instance's main process dies abnormally (local: SIGKILL from the host;
 * elsewhere: the probe halts itself); the platform restarts it in place. A client inside the tenant sends
 * sequence-numbered writes at the criterion's rate; the workload acknowledges each only once it is durable on
 * its volume. The check records every acknowledged sequence number, crashes the stateful instance, waits
 * until writes are accepted again, reads the log back from the instance serving in its place and reports the
 * acknowledged writes that are missing. A process crash keeps the page cache, so what is lost is what never
 * left the workload's memory; a node crash, which also loses the page cache, cannot be reproduced locally.
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
        Workload store = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("store").mount(volume, MOUNT).withStableIdentity(), evidence);
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), store, 1, evidence)
                .writes("/log/append?file=" + LOG, criterion.value("write-rate"));

        Instance victim = store.instance(0);
        Outcome<Restoration> outcome = DisruptionExperiment.run(traffic, "every write to 'store' is acknowledged",
                () -> evidence.disrupt("Crash instance " + victim.name(), victim::crash),
                (crash, steadyState) -> steadyState.awaitRestored("the crash", crash.at(), deadline));
        Disruption crash = outcome.disruption();
        Restoration restoration = outcome.recovery();
        Timeline timeline = outcome.timeline();
        DisruptionImpact impact = outcome.impact();
        restoration.healthyFrom().ifPresent(at -> timeline.window(crash.at(), at, "writes refused"));
        ServiceTraffic.attach(evidence, criterion, "Writes to 'store' while its instance crashes", timeline, impact);
        if (!restoration.restored()) {
            criterion.check("write-recovery-time", restoration.elapsed(), "a lower bound, writes still refused; "
                    + restoration.describe());
            evidence.note("missing acknowledged writes not measured: the workload did not accept writes again");
            return;
        }

        // Read only after the traffic stopped: from here on the set of acknowledged writes is final.
        SequenceLog log = evidence.step("Read the log back from the instance serving in place of " + victim.name(), () ->
                store.awaitReplacement(crash, Deadlines.INSTANCE_REPLACED).probe().readSequenceLog(LOG));
        List<Long> acknowledged = timeline.results().stream().filter(RequestResult::ok).map(RequestResult::seq).toList();
        Set<Long> present = new HashSet<>(log.sequences());
        List<Long> missing = acknowledged.stream().filter(seq -> !present.contains(seq)).sorted().toList();
        List<Long> acknowledgedBeforeCrash = timeline.between(timeline.start().orElse(crash.at()), crash.at()).results().stream()
                .filter(RequestResult::ok).map(RequestResult::seq).toList();
        evidence.attachJson("acknowledged and missing writes", writesEvidence(acknowledged, acknowledgedBeforeCrash, log, missing));

        criterion.check("missing-acknowledged-writes", missing.size(), acknowledged.size() + " writes acknowledged ("
                + acknowledgedBeforeCrash.size() + " before the crash), " + log.sequences().size() + " in the log read back"
                + (missing.isEmpty() ? "" : "; missing: " + abbreviate(missing)));
        criterion.check("write-recovery-time", impact.rto().orElse(restoration.elapsed()), impact.rtoText() + "; "
                + restoration.describe());
    }

    private static Map<String, Object> writesEvidence(List<Long> acknowledged, List<Long> acknowledgedBeforeCrash,
                                                      SequenceLog log, List<Long> missing) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("acknowledged", acknowledged.size());
        evidence.put("acknowledgedBeforeCrash", acknowledgedBeforeCrash.size());
        evidence.put("lastAcknowledgedBeforeCrash", acknowledgedBeforeCrash.stream().max(Long::compare).orElse(null));
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
