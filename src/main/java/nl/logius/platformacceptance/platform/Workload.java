package nl.logius.platformacceptance.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * N instances of the probe behind one service name (local: containers sharing a network alias; Kubernetes:
 * a Deployment and a Service, or a StatefulSet and a headless Service for stable identity). The platform
 * decides which instances are in rotation: only ready ones are, by the spec's {@link Readiness}.
 *
 * <p>Every wait takes a deadline; where a criterion counts from a disruption, pass the disruption's instant
 * as the start, so that the deadline and the measured duration both count from it.
 */
public interface Workload {

    String name();

    /** What it was deployed with (readiness, rollout, grace and identity included). */
    WorkloadSpec spec();

    /** The name other workloads in the tenant use to reach it (DNS). */
    String serviceName();

    /** The port its service listens on. */
    int servicePort();

    /** {@code http://<service name>:<port><path>}, as seen from inside the tenant. */
    default String serviceUrl(String path) {
        return "http://" + serviceName() + ":" + servicePort() + path;
    }

    /** The instances that exist now, ordered by name; names may change as the platform replaces instances. */
    List<Instance> instances();

    default Instance instance(int index) {
        return instances().get(index);
    }

    /** The version the workload is meant to serve (its latest update, or the one rolled back to). */
    String version();

    /**
     * Waits until at least {@code count} instances are ready (health checked and in rotation), at most until
     * {@code from + deadline}.
     *
     * @return how long it took, counted from {@code from}
     * @throws DeadlineExceededException when that did not happen within the deadline
     */
    Duration awaitReady(int count, Instant from, Duration deadline);

    /** As {@link #awaitReady(int, Instant, Duration)}, counted from now. */
    default Duration awaitReady(int count, Duration deadline) {
        return awaitReady(count, Instant.now(), deadline);
    }

    /**
     * Waits for the instance that serves in place of the one a disruption hit: the same instance restarted
     * (a crash), or the instance the controller started instead (a delete; under a new name unless the spec
     * has stable identity), ready, at most until {@code disruption.at() + deadline}.
     *
     * @throws DeadlineExceededException when no such instance was ready within the deadline
     */
    Instance awaitReplacement(Disruption disruption, Duration deadline);

    /** How many instances are ready now. */
    int readyInstances();

    /**
     * Changes the number of instances; returns once the platform has accepted the change, not once new
     * instances are ready (see {@link #awaitReady}). New instances take traffic once they are ready.
     */
    void scale(int instances);

    /**
     * Rolls the workload to another version of the probe, as the spec's {@link Rollout} says, while it keeps
     * serving (Kubernetes: the Deployment's rolling update). Returns once every instance runs the new version
     * and is ready.
     *
     * @throws DeadlineExceededException when the rollout was not complete within {@code deadline}
     */
    void update(String version, Duration deadline);

    /**
     * Rolls the workload back to the version before its last update (Kubernetes: rollout undo to the previous
     * pod template), as a rollout like {@link #update}; returns once it is complete.
     *
     * @throws DeadlineExceededException when the rollback was not complete within {@code deadline}
     */
    void rollback(Duration deadline);

    /** Removes the workload and its instances from the tenant. */
    void delete();
}
