package nl.logius.platformacceptance.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to deploy: a workload of the harness's probe image, its instances, version, zones and volumes.
 *
 * <pre>{@code
 * WorkloadSpec.probe("web").instances(3).spreadOverZones().version("2")
 * WorkloadSpec.probe("db").inZone(zone).mount(volume, "/data")
 * }</pre>
 *
 * @param name      the workload's name, also its service name in the tenant (DNS label)
 * @param instances how many instances
 * @param version   the probe version it serves (visible in its identity)
 * @param zone      the one zone all instances go to, or empty to spread them over the zones
 * @param mounts    volumes mounted into every instance
 */
public record WorkloadSpec(String name, int instances, String version, Optional<Zone> zone, List<Mount> mounts) {

    public static final String DEFAULT_VERSION = "1";

    public WorkloadSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z]([a-z0-9-]{0,30}[a-z0-9])?")) {
            throw new IllegalArgumentException("workload name must be a DNS label of at most 32 characters: " + name);
        }
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be >= 0: " + instances);
        }
        mounts = List.copyOf(mounts);
    }

    /** One instance of the probe image, version {@value #DEFAULT_VERSION}, spread over the zones. */
    public static WorkloadSpec probe(String name) {
        return new WorkloadSpec(name, 1, DEFAULT_VERSION, Optional.empty(), List.of());
    }

    public WorkloadSpec instances(int count) {
        return new WorkloadSpec(name, count, version, zone, mounts);
    }

    public WorkloadSpec version(String newVersion) {
        return new WorkloadSpec(name, instances, newVersion, zone, mounts);
    }

    /** Places every instance in one zone. */
    public WorkloadSpec inZone(Zone target) {
        return new WorkloadSpec(name, instances, version, Optional.of(target), mounts);
    }

    /** Spreads the instances round robin over the platform's zones (the default). */
    public WorkloadSpec spreadOverZones() {
        return new WorkloadSpec(name, instances, version, Optional.empty(), mounts);
    }

    public WorkloadSpec mount(Volume volume, String path) {
        List<Mount> more = new ArrayList<>(mounts);
        more.add(new Mount(volume, path, false));
        return new WorkloadSpec(name, instances, version, zone, more);
    }

    /**
     * A volume mounted at a path of every instance.
     *
     * @param readOnly whether the instance may only read it
     */
    public record Mount(Volume volume, String path, boolean readOnly) {
    }
}
