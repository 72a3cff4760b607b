package nl.logius.platformacceptance.platform;

/**
 * A volume to provision.
 *
 * @param name      DNS-label name, unique in the tenant
 * @param sizeBytes the requested capacity
 */
public record VolumeSpec(String name, long sizeBytes) {
    public static VolumeSpec of(String name, long sizeBytes) {
        return new VolumeSpec(name, sizeBytes);
    }
}
