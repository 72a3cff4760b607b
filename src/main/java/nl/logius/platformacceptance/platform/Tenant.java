package nl.logius.platformacceptance.platform;

import java.util.List;

/**
 * An isolated part of the platform owned by one check (local: a labelled bridge network; Kubernetes: a
 * namespace). Workloads in a tenant reach each other by service name; closing the tenant removes all of it.
 *
 * <pre>{@code
 * try (Tenant tenant = platform.createTenant(owner, "net01")) {
 *     Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2).spreadOverZones());
 *     web.awaitReady(2, Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public interface Tenant extends AutoCloseable {

    String name();

    List<Zone> zones();

    /** Starts a workload; returns once it is created, not once it is ready (see {@link Workload#awaitReady}). */
    Workload deploy(WorkloadSpec spec);

    /**
     * Provisions a volume; returns once the platform has accepted the request (it may become writable
     * later: a workload that mounts it shows when).
     *
     * @throws VolumeRefusedException when the platform refuses the claim
     */
    Volume createVolume(VolumeSpec spec);

    /**
     * Publishes a workload's service outside the platform over HTTPS, on the target's ingress host name
     * (local: an ingress instance terminating TLS with a certificate of the platform's own certificate
     * authority, on a published port of 127.0.0.1; Kubernetes: an Ingress or OpenShift Route). Returns once
     * the endpoint accepts connections.
     *
     * @throws NotSupportedException when the target describes no ingress, or the platform has none
     */
    ExternalEndpoint expose(Workload workload);

    /** Cuts every instance in the zone off from the rest of the tenant (disruptive). */
    void cutOff(Zone zone);

    /** Undoes {@link #cutOff(Zone)}. */
    void restore(Zone zone);

    /** Removes every workload, volume and network of the tenant. Never throws for what is already gone. */
    @Override
    void close();
}
