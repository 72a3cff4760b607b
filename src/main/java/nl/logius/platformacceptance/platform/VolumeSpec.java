package nl.logius.platformacceptance.platform;

/**
 * A volume to provision.
 *
 * <pre>{@code
 * VolumeSpec.of("data", 512L << 20)
 * VolumeSpec.of("handover", 64L << 20).sharedByInstances()   // mounted read-write by several instances at once
 * }</pre>
 *
 * @param name      DNS-label name, unique in the tenant
 * @param sizeBytes the requested capacity
 * @param shared    whether several instances may mount it read-write at the same time (Kubernetes: access
 *                  mode ReadWriteMany); a platform whose storage cannot share volumes throws
 *                  {@link NotSupportedException} when asked for one
 */
public record VolumeSpec(String name, long sizeBytes, boolean shared) {

    /** A volume that one instance at a time mounts read-write. */
    public VolumeSpec(String name, long sizeBytes) {
        this(name, sizeBytes, false);
    }

    public static VolumeSpec of(String name, long sizeBytes) {
        return new VolumeSpec(name, sizeBytes);
    }

    /** The same volume, mountable read-write by several instances at once. */
    public VolumeSpec sharedByInstances() {
        return new VolumeSpec(name, sizeBytes, true);
    }
}
