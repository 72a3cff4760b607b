package nl.logius.platformacceptance.platform;

/**
 * The platform refused to provision a volume (local: the engine's volume driver refused the claim;
 * Kubernetes: the API or a quota rejected the PVC). For a check of provisioning this is a measured outcome:
 * the volume never became writable. For any other check it breaks the check, like every
 * {@link PlatformException}.
 */
public class VolumeRefusedException extends PlatformException {

    private final String volume;

    public VolumeRefusedException(String volume, String reason, Throwable cause) {
        super("the platform refused volume " + volume + ": " + reason, cause);
        this.volume = volume;
    }

    /** The name given in the volume's {@link VolumeSpec}. */
    public String volume() {
        return volume;
    }
}
