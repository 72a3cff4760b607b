package nl.logius.platformacceptance.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to deploy: a workload of the harness's probe image, its instances, version, zones and volumes, and
 * the controller's behaviour that verdicts may depend on (readiness, rollout, termination grace, identity),
 * so that no driver decides those silently.
 *
 * <pre>{@code
 * WorkloadSpec.probe("web").instances(3).spreadOverZones().version("2")
 * WorkloadSpec.probe("db").inZone(zone).mount(volume, "/data").withStableIdentity()
 * WorkloadSpec.probe("web").withReadiness(new Readiness("/health", Duration.ofSeconds(1), 3, Duration.ofSeconds(1)))
 * }</pre>
 *
 * @param name             the workload's name, also its service name in the tenant (DNS label)
 * @param instances        how many instances
 * @param version          the probe version it serves (visible in its identity)
 * @param zone             the one zone all instances go to, or empty to spread them over the zones
 * @param mounts           volumes mounted into every instance
 * @param readiness        how the platform decides an instance takes traffic
 * @param rollout          how an update or rollback replaces instances
 * @param terminationGrace how long an instance taken out of the workload may finish the requests it has
 * @param stableIdentity   whether an instance keeps its name (and its own place) across a replacement
 *                         (Kubernetes: a StatefulSet); without it a replacement gets a new name
 */
public record WorkloadSpec(String name, int instances, String version, Optional<Zone> zone, List<Mount> mounts,
                           Readiness readiness, Rollout rollout, Duration terminationGrace, boolean stableIdentity) {

    public static final String DEFAULT_VERSION = "1";
    /** Long enough for the probe's requests (a second or so); Kubernetes' own default is 30 s. */
    public static final Duration DEFAULT_TERMINATION_GRACE = Duration.ofSeconds(10);

    public WorkloadSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z]([a-z0-9-]{0,30}[a-z0-9])?")) {
            throw new IllegalArgumentException("workload name must be a DNS label of at most 32 characters: " + name);
        }
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be >= 0: " + instances);
        }
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(rollout, "rollout");
        if (terminationGrace.isNegative()) {
            throw new IllegalArgumentException("termination grace must not be negative: " + terminationGrace);
        }
        mounts = List.copyOf(mounts);
    }

    /**
     * One instance of the probe image, version {@value #DEFAULT_VERSION}, spread over the zones, with the
     * default readiness ({@link Readiness#DEFAULT}), one-at-a-time rollout and
     * {@link #DEFAULT_TERMINATION_GRACE}.
     */
    public static WorkloadSpec probe(String name) {
        return new WorkloadSpec(name, 1, DEFAULT_VERSION, Optional.empty(), List.of(), Readiness.DEFAULT,
                Rollout.ONE_AT_A_TIME, DEFAULT_TERMINATION_GRACE, false);
    }

    public WorkloadSpec instances(int count) {
        return new WorkloadSpec(name, count, version, zone, mounts, readiness, rollout, terminationGrace, stableIdentity);
    }

    public WorkloadSpec version(String newVersion) {
        return new WorkloadSpec(name, instances, newVersion, zone, mounts, readiness, rollout, terminationGrace, stableIdentity);
    }

    /** Places every instance in one zone. */
    public WorkloadSpec inZone(Zone target) {
        return new WorkloadSpec(name, instances, version, Optional.of(target), mounts, readiness, rollout, terminationGrace,
                stableIdentity);
    }

    /** Spreads the instances over the platform's zones (the default). */
    public WorkloadSpec spreadOverZones() {
        return new WorkloadSpec(name, instances, version, Optional.empty(), mounts, readiness, rollout, terminationGrace,
                stableIdentity);
    }

    public WorkloadSpec mount(Volume volume, String path) {
        List<Mount> more = new ArrayList<>(mounts);
        more.add(new Mount(volume, path, false));
        return new WorkloadSpec(name, instances, version, zone, more, readiness, rollout, terminationGrace, stableIdentity);
    }

    public WorkloadSpec withReadiness(Readiness newReadiness) {
        return new WorkloadSpec(name, instances, version, zone, mounts, newReadiness, rollout, terminationGrace, stableIdentity);
    }

    public WorkloadSpec withRollout(Rollout newRollout) {
        return new WorkloadSpec(name, instances, version, zone, mounts, readiness, newRollout, terminationGrace, stableIdentity);
    }

    public WorkloadSpec withTerminationGrace(Duration grace) {
        return new WorkloadSpec(name, instances, version, zone, mounts, readiness, rollout, grace, stableIdentity);
    }

    /** Instances keep their names across a replacement (Kubernetes: a StatefulSet and a headless Service). */
    public WorkloadSpec withStableIdentity() {
        return new WorkloadSpec(name, instances, version, zone, mounts, readiness, rollout, terminationGrace, true);
    }

    /**
     * A volume mounted at a path of every instance.
     *
     * @param readOnly whether the instance may only read it
     */
    public record Mount(Volume volume, String path, boolean readOnly) {
    }
}
