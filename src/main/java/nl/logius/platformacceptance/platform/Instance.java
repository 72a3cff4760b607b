package nl.logius.platformacceptance.platform;

/**
 * One running copy of a workload (local: a container; Kubernetes: a pod). Its name is not stable across a
 * replacement unless its workload asked for stable identity ({@link WorkloadSpec#withStableIdentity()}):
 * after a {@link #delete()}, ask the workload for the instance in its place
 * ({@link Workload#awaitReplacement}).
 *
 * <p>The disruptions are named by their effect; each returns the {@link Disruption} with the instant it
 * took effect and what the platform really did.
 */
public interface Instance {

    /** Its name now, e.g. {@code web-0} or {@code web-7c9f6-x2kq}. */
    String name();

    Zone zone();

    /**
     * The instance's own address on its tenant's network, as other instances would connect to it directly
     * (local: the container's address on the tenant network; Kubernetes: the pod IP), e.g. {@code 172.18.0.3}.
     * Isolation checks try to reach it from where it must not be reachable.
     *
     * @throws PlatformException when the instance has no address now (stopped, cut off)
     * @throws NotSupportedException when the platform cannot tell instances' addresses
     */
    String address();

    /** The probe running in this instance, through which checks measure from inside the platform. */
    ProbeClient probe();

    /** Whether the platform counts it ready (health checked and in rotation). */
    boolean isReady();

    /**
     * Crashes the instance: its main process dies abnormally, as a fault would, and the platform may restart
     * it in place (local: SIGKILL of the main process from the host; elsewhere: the probe halts itself). From
     * this call on it counts as not ready until the platform has healed it.
     */
    Disruption crash();

    /**
     * Removes the instance abruptly, without grace; the platform's controller may replace it, under another
     * name unless the workload has stable identity (local: forced removal of the container; Kubernetes: pod
     * delete with grace 0).
     */
    Disruption delete();

    /**
     * Freezes the instance: it stops answering but keeps its connections; it hangs, it does not crash
     * (local: the cgroup freezer; elsewhere: the probe's hang mode).
     */
    Disruption freeze();

    /** Undoes {@link #freeze()}. */
    Disruption thaw();
}
