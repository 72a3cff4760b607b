package nl.logius.platformacceptance.platform;

import java.time.Duration;

/** Persistent storage that outlives the instances that mount it (local: a named volume; Kubernetes: a PVC). */
public interface Volume {

    /** The name given in its {@link VolumeSpec}. */
    String name();

    /** The requested capacity in bytes. */
    long sizeBytes();

    /**
     * Waits until the platform has bound the volume to storage, or refused it, within {@code deadline}. A
     * refusal may come at once (local: the engine's volume driver) or late (Kubernetes: a provisioner's
     * {@code ProvisioningFailed} event). On storage that binds on first use (Kubernetes'
     * {@code WaitForFirstConsumer}), a volume binds only once an instance mounts it: deploy that first.
     *
     * @return how long it took from the call
     * @throws VolumeRefusedException    when the platform refused the volume
     * @throws DeadlineExceededException when it was neither bound nor refused within the deadline (a zero deadline
     *                                   asks once, without waiting)
     */
    Duration awaitBound(Duration deadline);
}
