package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.platform.local.LocalInjection;
import nl.logius.platformacceptance.platform.local.LocalPlatform;
import nl.logius.platformacceptance.target.Target;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Chooses the driver for a target. */
public final class Platforms {

    private Platforms() {
    }

    /**
     * The platform of a target, with the given knelpunten injected (local target only).
     *
     * @throws BadInputException when injections are asked of a target that is not local, or unknown
     */
    public static Platform forTarget(Target target, List<String> injectedKnelpunten) {
        Set<LocalInjection> injections = injections(target, injectedKnelpunten);
        return switch (target.kind()) {
            case LOCAL -> new LocalPlatform(target.zones(), injections,
                    target.ingress() == null ? null : target.ingress().host());
            case KUBERNETES, OPENSHIFT -> new DriverMissingPlatform("the " + target.kind().id()
                    + " driver is not part of this release of the harness; target " + target.name() + " cannot be measured yet",
                    target.zones());
        };
    }

    /** Validates {@code --inject} ids without touching the platform. */
    public static Set<LocalInjection> injections(Target target, List<String> injectedKnelpunten) {
        Set<LocalInjection> injections = EnumSet.noneOf(LocalInjection.class);
        for (String id : injectedKnelpunten) {
            if (!target.isLocal()) {
                throw BadInputException.argument("--inject " + id, "injections exist only on the local reference platform;"
                        + " target " + target.name() + " is " + target.kind().id() + "; expected a local target");
            }
            injections.add(LocalInjection.forKnelpunt(id).orElseThrow(() -> BadInputException.argument("--inject " + id,
                    "the local platform has no injection for " + id + "; expected one of "
                            + java.util.Arrays.stream(LocalInjection.values()).map(LocalInjection::knelpuntId).toList())));
        }
        return injections;
    }
}
