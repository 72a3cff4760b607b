package nl.logius.platformacceptance.platform;


/** One running copy of a workload (local: a container; Kubernetes: a pod). */
public interface Instance {

    /** Stable within its workload, e.g. {@code web-0}. */
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
     * Crashes the instance's main process (SIGKILL), as a fault would; the platform is expected to heal it.
     * From this call on the instance counts as not ready until the platform has healed it.
     */
    void kill();

    /** Freezes the instance's processes without stopping them (disruptive): it hangs, it does not crash. */
    void freeze();

    /** Undoes {@link #freeze()}. */
    void thaw();
}
