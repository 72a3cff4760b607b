package nl.logius.platformacceptance.platform;

/**
 * The platform refused to provision a volume (local: the engine's volume driver refused the claim;
 * Kubernetes: the API or a quota rejected the PVC). For a check of provisioning this is a measured outcome:
 * the volume never became writable. For any other check it breaks the check, like every
 * {@link PlatformException}.
 */
public class VolumeRefusedException extends PlatformException {

    private final String volume;
    private final String reason;

    public VolumeRefusedException(String volume, String reason, Throwable cause) {
        super("the platform refused volume " + volume + ": " + reason, cause);
        this.volume = volume;
        this.reason = reason;
    }

    /** Why, in the platform's words, e.g. {@code quota size requested but no quota support}. */
    public String reason() {
        return reason;
    }

    /** The name given in the volume's {@link VolumeSpec}. */
    public String volume() {
        return volume;
    }
}
