package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.BlkioRateDevice;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.VolumeRefusedException;
import nl.logius.platformacceptance.platform.WorkloadSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an instance's volumes are mounted on the local platform: each named volume bound at its path. With a
 * storage injection it does what a faulty platform would do instead, for real: a tmpfs that dies with the
 * instance (KP-STO-03), throttled block I/O on the disk under the volumes (KP-STO-04), a volume of its own
 * for each instance where the workload asked for one shared volume (KP-STO-05).
 */
final class InstanceStorage {

    static final int THROTTLED_WRITE_MIB_PER_SECOND = 8;
    static final int THROTTLED_WRITE_OPERATIONS_PER_SECOND = 10;

    private final LocalTenant tenant;

    InstanceStorage(LocalTenant tenant) {
        this.tenant = tenant;
    }

    /** Puts the spec's volumes (or what an injection puts in their place) into the instance's host config. */
    void mount(WorkloadSpec spec, String instanceName, HostConfig host) {
        for (WorkloadSpec.Mount mount : spec.mounts()) {
            // A refused claim is never mounted (a pod with it stays pending); the engine would create an unlabelled volume.
            VolumeRefusedException refused = ((LocalVolume) mount.volume()).refused();
            if (refused != null) {
                throw refused;
            }
        }
        if (tenant.injected(LocalInjection.VOLUME_NOT_DURABLE)) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            spec.mounts().forEach(mount -> tmpfs.put(mount.path(), "size=" + mount.volume().sizeBytes()
                    + (mount.readOnly() ? ",ro" : "")));
            host.withTmpFs(tmpfs);
        } else {
            host.withBinds(spec.mounts().stream().map(mount -> new Bind(volumeName(mount, instanceName),
                    new com.github.dockerjava.api.model.Volume(mount.path()),
                    mount.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
        if (tenant.injected(LocalInjection.SLOW_STORAGE) && !spec.mounts().isEmpty()) {
            String device = tenant.volumeDevice(volumeName(spec.mounts().get(0), instanceName)).path().toString();
            host.withBlkioDeviceWriteBps(List.of(new BlkioRateDevice().withPath(device)
                            .withRate((long) THROTTLED_WRITE_MIB_PER_SECOND << 20)))
                    .withBlkioDeviceWriteIOps(List.of(new BlkioRateDevice().withPath(device)
                            .withRate((long) THROTTLED_WRITE_OPERATIONS_PER_SECOND)));
        }
    }

    /**
     * Fails when the engine dropped a limit it was given: Docker only warns when the kernel cannot apply
     * block I/O limits, and an injection that silently did nothing would make a check look healthy.
     */
    void verifyApplied(String instanceName, String[] engineWarnings) {
        if (!tenant.injected(LocalInjection.SLOW_STORAGE) || engineWarnings == null) {
            return;
        }
        List<String> dropped = Arrays.stream(engineWarnings).filter(w -> w.contains("Block I/O")).toList();
        if (!dropped.isEmpty()) {
            throw new PlatformException("cannot inject slow storage into " + instanceName
                    + ": the engine cannot throttle block I/O on this kernel (" + String.join("; ", dropped) + ")");
        }
    }

    private String volumeName(WorkloadSpec.Mount mount, String instanceName) {
        LocalVolume volume = (LocalVolume) mount.volume();
        return tenant.injected(LocalInjection.VOLUMES_NOT_SHARED) ? tenant.volumeOfItsOwn(volume, instanceName)
                : volume.dockerName();
    }
}
