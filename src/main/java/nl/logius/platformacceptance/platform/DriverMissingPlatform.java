package nl.logius.platformacceptance.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for a platform whose driver this release of the harness does not have (Kubernetes/OpenShift
 * for now): a valid target, but nothing can be measured on it. Every check is skipped with the reason, so
 * every selected knelpunt is INCONCLUSIVE (exit 3), never a pass or a failure.
 */
final class DriverMissingPlatform implements Platform {

    private final String reason;
    private final List<Zone> zones;

    DriverMissingPlatform(String reason, List<String> zoneNames) {
        this.reason = reason;
        this.zones = zoneNames.stream().map(Zone::new).toList();
    }

    @Override
    public PlatformInfo describe() {
        throw new PlatformException(reason);
    }

    @Override
    public List<Zone> zones() {
        return zones;
    }

    @Override
    public Tenant createTenant(Ownership owner, String name) {
        throw new NotSupportedException(reason);
    }

    @Override
    public int sweepLeftovers() {
        return 0;
    }

    @Override
    public int removeAll(Ownership owner) {
        return 0;
    }

    @Override
    public int removeRun(String runId) {
        return 0;
    }

    /** Nothing was ever reached, so nothing was measured that the platform's absence could explain. */
    @Override
    public Optional<String> unreachableSince(Instant since) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
