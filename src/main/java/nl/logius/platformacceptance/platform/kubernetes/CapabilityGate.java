package nl.logius.platformacceptance.platform.kubernetes;

import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.NotSupportedException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The capabilities a look at the cluster found missing ({@link ClusterPreflight}), so that an operation that needs
 * one is refused with the reason ({@link NotSupportedException}: its check skipped, its knelpunt INCONCLUSIVE)
 * rather than tried and broken on the way. Before any look, nothing is refused.
 */
final class CapabilityGate {

    private final Map<Capability.Operation, Capability> missing = new ConcurrentHashMap<>();

    void remember(List<Capability> found) {
        missing.clear();
        for (Capability capability : found) {
            if (capability.status() == Capability.Status.MISSING) {
                capability.neededFor().forEach(operation -> missing.putIfAbsent(operation, capability));
            }
        }
    }

    void refuseIfMissing(Capability.Operation operation) {
        Capability lacking = missing.getOrDefault(operation, missing.get(Capability.Operation.EVERY_CHECK));
        if (lacking != null) {
            throw new NotSupportedException("the cluster lacks what " + operation + " needs: " + lacking.describe());
        }
    }
}
