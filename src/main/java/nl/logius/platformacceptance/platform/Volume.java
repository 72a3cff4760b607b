package nl.logius.platformacceptance.platform;

/** Persistent storage that outlives the instances that mount it (local: a named volume; Kubernetes: a PVC). */
public interface Volume {

    /** The name given in its {@link VolumeSpec}. */
    String name();

    /** The requested capacity in bytes. */
    long sizeBytes();
}
