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
     * Asks for a volume; returns once the request is made. Whether the platform binds or refuses it, which
     * may take a while, {@link Volume#awaitBound} tells.
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

    /**
     * Cuts every instance in the zone off from the rest of the tenant, in both directions (local: its
     * containers are disconnected from the tenant's network; Kubernetes: a NetworkPolicy that denies all
     * ingress and egress of the zone's pods).
     */
    Disruption cutOff(Zone zone);

    /** Undoes {@link #cutOff(Zone)}; the disruption's instant is when the zone was connected again. */
    Disruption restore(Zone zone);

    /** Removes every workload, volume and network of the tenant. Never throws for what is already gone. */
    @Override
    void close();
}
