package nl.logius.platformacceptance.platform;

import java.time.Duration;
import java.util.List;

/**
 * N instances of the probe behind one service name (local: containers sharing a network alias; Kubernetes:
 * a Deployment and a Service). The platform decides which instances are in rotation: only ready ones are.
 */
public interface Workload {

    String name();

    /** The name other workloads in the tenant use to reach it (DNS). */
    String serviceName();

    /** The port its service listens on. */
    int servicePort();

    /** {@code http://<service name>:<port><path>}, as seen from inside the tenant. */
    default String serviceUrl(String path) {
        return "http://" + serviceName() + ":" + servicePort() + path;
    }

    /** The instances that exist now, ordered by name. */
    List<Instance> instances();

    default Instance instance(int index) {
        return instances().get(index);
    }

    /** The version the workload is meant to serve (its latest update, or the one rolled back to). */
    String version();

    /**
     * Waits until at least {@code count} instances are ready (health checked and in rotation).
     *
     * @return how long it took
     * @throws DeadlineExceededException when that did not happen within the deadline
     */
    Duration awaitReady(int count, Duration deadline);

    /** How many instances are ready now. */
    int readyInstances();

    /**
     * Changes the number of instances; returns once the platform has accepted the change, not once new
     * instances are ready (see {@link #awaitReady}). New instances take traffic once they are ready.
     */
    void scale(int instances);

    /**
     * Rolls the workload to another version of the probe (the probe image of that version), instance by
     * instance, while it keeps serving (Kubernetes: the Deployment's rolling update). Returns once the rollout
     * is complete: every instance runs the new version.
     *
     * @throws DeadlineExceededException when the platform's own rollout deadline passed first
     */
    void update(String version);

    /**
     * Rolls the workload back to the version before its last update (Kubernetes: rollout undo), as a rollout
     * like {@link #update}; returns once it is complete.
     *
     * @throws DeadlineExceededException when the platform's own rollout deadline passed first
     */
    void rollback();

    /** Removes the workload and its instances from the tenant. */
    void delete();
}
