package nl.logius.platformacceptance.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A platform release under test, as the checks see it: tenants with workloads, volumes and zones, and the
 * disruptions a check may cause. Drivers implement it and are found through {@link PlatformDriver}; checks
 * never see what is behind it.
 *
 * <p>Every resource a platform creates carries the {@link Ownership} labels of its run and check, with an
 * expiry, so that it can be removed when its check ends and swept by any later run when a killed run left it
 * behind.
 */
public interface Platform extends AutoCloseable {

    /**
     * What the platform says it is, e.g. {@code Docker Engine 20.10.24 (API 1.41)}; asking is also the
     * reachability test at the start of a run.
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    PlatformInfo describe();

    /**
     * The probe image this platform runs, by digest, for the run's provenance: on the local platform the image it
     * built and loaded (building it the first time takes some seconds); on a cluster the profile's
     * {@code probeImage}. Empty when the platform runs no probe image of its own.
     *
     * @throws PlatformException when the image cannot be had (it cannot be built, the engine does not answer)
     */
    default java.util.Optional<ProbeImage> probeImage() {
        return java.util.Optional.empty();
    }

    /**
     * What the checks need of this platform, as found now (the {@code preflight} command, and the start of every run,
     * which records it in the provenance). A driver that checks nothing more says whether its platform answers;
     * a cluster driver looks at rights, zones, storage classes, network policies, its ingress and its image.
     */
    default List<Capability> capabilities() {
        try {
            return List.of(Capability.present("platform answers", describe().toString(), Capability.Operation.EVERY_CHECK));
        } catch (PlatformException e) {
            return List.of(Capability.missing("platform answers", e.getMessage(), Capability.Operation.EVERY_CHECK));
        }
    }

    /** The zones workloads can be spread over, in the order of the target profile. */
    List<Zone> zones();

    /** A new, empty tenant owned by a check; closing it removes everything in it. */
    Tenant createTenant(Ownership owner, String name);

    /**
     * Removes leftovers of other runs ({@link Ownership#isLeftover}): resources whose expiry passed, made by
     * any host, and those of runs on this host whose process is gone. Never a live run's.
     *
     * @return how many resources were removed
     */
    int sweepLeftovers();

    /** Removes every resource of one run and check that is still there; a safety net after a check. */
    int removeAll(Ownership owner);

    /** Removes every resource of one run, whatever its check. */
    int removeRun(String runId);

    /**
     * Whether the platform itself (its engine or API, not the workloads on it) failed to answer at some moment
     * since {@code since}, as the driver saw it or sees it now. A check that measured a failure over such a
     * moment measured the harness's view of the platform going away, not the platform's behaviour: the harness
     * then reports it broken, never failed. Every driver must answer it truthfully: there is no default.
     *
     * @return what was seen, e.g. {@code "the Docker engine did not answer at 15:32:01 (list containers: ...)"}
     */
    Optional<String> unreachableSince(Instant since);

    /** Stops the platform's own background work (controllers); does not remove resources. */
    @Override
    void close();
}
