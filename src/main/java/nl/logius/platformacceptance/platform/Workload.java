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

    /** Changes the number of instances; returns once the platform has accepted the change. */
    void scale(int instances);

    /** Rolls the workload to another version of the probe, instance by instance. */
    void update(String version);

    /** Rolls the workload back to the version before its last update. */
    void rollback();

    /** Removes the workload and its instances from the tenant. */
    void delete();
}
