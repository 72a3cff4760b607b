package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeRefusedException;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * KP-STO-01 — Volume provisioning slow or failing.
 *
 * <p>The platform MUST make every one of the criterion's volumes (5 of 1 GiB, claimed at once, as a stateful
 * workload scaling out claims them) writable from a workload that mounts it within the criterion's time
 * from its claim. The time runs from the claim to the first successful fsync'ed write by a workload of its
 * own that mounts the volume: binding, attaching and starting that workload are part of it, as a stateful
 * service sees them. A claim the platform refuses counts as a volume that never became writable.
 *
 * <p>A refusal may come at once or late (Kubernetes: a provisioner's {@code ProvisioningFailed} event, after
 * the workload that binds the claim on first use was scheduled): each claim's workload is deployed at once,
 * and the volume's state is asked again while the check waits. On the local platform a volume is a named
 * volume of the engine: its size is recorded but not enforced (the local driver enforces sizes only with
 * project quotas), and creating it is immediate. Its injection asks the driver to enforce the size, which it
 * refuses on this machine's storage: every claim fails at once.
 */
@Verifies("KP-STO-01")
class VolumeProvisioningCheck {

    private static final String MOUNT = "/data";
    private static final long PROBE_WRITE_BYTES = 4096;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** Waiting a little past the deadline makes a volume that missed it measure above it, not at it. */
    private static final Duration PAST_THE_DEADLINE = Duration.ofMillis(500);

    @PlatformCheck
    void every_claimed_volume_is_writable_from_a_workload_in_time(Tenant tenant, Criterion criterion, Evidence evidence) {
        int count = criterion.count("volumes");
        long size = criterion.bytes("volume-size").get(0);
        Duration deadline = criterion.duration("provisioning-time-max");

        List<Claim> claims = evidence.step("Claim " + count + " volumes of " + FreeSpace.mebibytes(size)
                + " at once, each mounted at " + MOUNT + " by a probe workload of its own", () -> {
            List<Claim> made = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                made.add(claim(tenant, "vol-" + i, size));
            }
            return made;
        });
        List<Claim> accepted = claims.stream().filter(claim -> claim.refusal == null).toList();
        if (!accepted.isEmpty()) {
            evidence.step("Write " + PROBE_WRITE_BYTES / 1024 + " KiB (fsync'ed) to each volume from its workload"
                    + " as soon as it is ready, for at most " + deadline.toSeconds() + " s from its claim",
                    () -> awaitWritable(accepted, deadline));
        }
        claims.forEach(claim -> evidence.note(claim.describe()));
        evidence.attachJson("volumes", claims.stream().map(Claim::asMap).toList());

        List<Claim> writable = claims.stream().filter(claim -> claim.writableAfter != null).toList();
        String outcome = writable.size() + " of " + count + " volumes writable" + problems(claims);
        // A refused claim has no provisioning time; one that was accepted but never writable waited past the deadline.
        List<Duration> times = claims.stream().filter(claim -> claim.refusal == null)
                .map(claim -> claim.writableAfter != null ? claim.writableAfter : claim.waited).toList();
        if (times.isEmpty()) {
            evidence.note("provisioning-time-max not measured: the platform refused every claim");
        } else {
            Duration longest = times.stream().max(Duration::compareTo).orElseThrow();
            criterion.check("provisioning-time-max", longest, "times " + Durations.seconds(times) + "; " + outcome);
        }
        criterion.check("writable-volumes", 100d * writable.size() / count, outcome);
    }

    private static Claim claim(Tenant tenant, String name, long size) {
        Claim claim = new Claim(name, System.nanoTime());
        try {
            claim.volume = tenant.createVolume(VolumeSpec.of(name, size));
            claim.workload = tenant.deploy(WorkloadSpec.probe(name).mount(claim.volume, MOUNT));
        } catch (VolumeRefusedException e) {
            claim.refused(e);
        }
        return claim;
    }

    /** Tries every pending volume in turn until all are writable or the last claim's deadline has passed. */
    private static void awaitWritable(List<Claim> claims, Duration deadline) {
        long lastClaim = claims.stream().mapToLong(claim -> claim.requestedAt).max().orElseThrow();
        Duration left = deadline.plus(PAST_THE_DEADLINE).minusNanos(System.nanoTime() - lastClaim);
        Duration remaining = left.compareTo(POLL_INTERVAL) < 0 ? POLL_INTERVAL : left;
        try {
            await(claims.size() + " volumes writable from their workloads").atMost(remaining)
                    .pollInterval(POLL_INTERVAL).pollInSameThread()
                    .until(() -> {
                        claims.stream().filter(Claim::pending).forEach(Claim::tryWrite);
                        return claims.stream().noneMatch(Claim::pending);
                    });
        } catch (ConditionTimeoutException e) {
            // Measured below: the volumes still not writable have waited past the deadline.
        }
        claims.stream().filter(Claim::pending).forEach(claim -> claim.waited = claim.elapsed());
    }

    private static String problems(List<Claim> claims) {
        List<String> problems = claims.stream().filter(claim -> claim.writableAfter == null).map(Claim::describe).toList();
        if (problems.isEmpty()) {
            return "";
        }
        return "; " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }


    /** One volume: its claim, its workload, and when (or whether) a write to it succeeded. */
    private static final class Claim {
        final String name;
        final long requestedAt;
        Volume volume;
        Workload workload;
        String refusal;
        String lastError;
        Duration writableAfter;
        Duration waited;

        Claim(String name, long requestedAt) {
            this.name = name;
            this.requestedAt = requestedAt;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - requestedAt);
        }

        boolean pending() {
            return writableAfter == null && refusal == null;
        }

        void refused(VolumeRefusedException e) {
            refusal = e.reason();
            waited = elapsed();
        }

        /** Asks whether the platform refused the volume meanwhile (once, no waiting), then tries a write. */
        void tryWrite() {
            try {
                volume.awaitBound(Duration.ZERO);
            } catch (VolumeRefusedException e) {
                refused(e);
                return;
            } catch (DeadlineExceededException e) {
                // Not bound yet: its workload cannot be ready either.
                return;
            }
            List<Instance> instances = workload.instances();
            if (instances.isEmpty() || !instances.get(0).isReady()) {
                return;
            }
            try {
                instances.get(0).probe().write(MOUNT + "/provisioned.bin", PROBE_WRITE_BYTES, true, name.hashCode());
                writableAfter = elapsed();
            } catch (PlatformException e) {
                lastError = e.getMessage();
            }
        }

        String describe() {
            if (writableAfter != null) {
                return name + " writable " + millis(writableAfter) + " after its claim";
            }
            if (refusal != null) {
                return name + " refused after " + millis(waited) + ": " + refusal;
            }
            return name + " not writable " + millis(waited) + " after its claim"
                    + (lastError == null ? " (its workload never became ready)" : " (last write: " + lastError + ")");
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("volume", name);
            map.put("writableAfterMs", writableAfter == null ? null : writableAfter.toMillis());
            map.put("waitedMs", waited == null ? null : waited.toMillis());
            map.put("refusal", refusal);
            map.put("lastError", lastError);
            return map;
        }

        private static String millis(Duration duration) {
            return duration.toMillis() + " ms";
        }
    }
}
