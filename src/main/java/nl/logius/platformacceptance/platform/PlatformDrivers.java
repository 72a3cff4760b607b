package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the driver of a target among those on the class path ({@link ServiceLoader} of
 * {@link PlatformDriver}), so that the SPI and the checks never import one.
 */
public final class PlatformDrivers {

    private PlatformDrivers() {
    }

    /** The driver of a target kind, if this build of the harness has one. */
    public static Optional<PlatformDriver> forKind(PlatformKind kind) {
        return ServiceLoader.load(PlatformDriver.class, PlatformDriver.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(driver -> driver.kinds().contains(kind)).findFirst();
    }

    /**
     * The platform of a target, with the given knelpunten injected. A kind without a driver gives a platform
     * on which every check is skipped with that reason (its knelpunten INCONCLUSIVE), never a verdict.
     *
     * @throws BadInputException when an injection is unknown or asked of a driver that has none
     */
    public static Platform forTarget(Target target, List<String> injectedKnelpunten) {
        Set<String> injections = injections(target, injectedKnelpunten);
        return forKind(target.kind()).map(driver -> driver.open(target, injections))
                .orElseGet(() -> new DriverMissingPlatform("the " + target.kind().id()
                        + " driver is not part of this build of the harness; target " + target.name()
                        + " cannot be measured", target.zones()));
    }

    /** Validates {@code --inject} ids against the target's driver, without touching the platform. */
    public static Set<String> injections(Target target, List<String> injectedKnelpunten) {
        Set<String> injections = new LinkedHashSet<>();
        if (injectedKnelpunten.isEmpty()) {
            return injections;
        }
        Optional<PlatformDriver> driver = forKind(target.kind());
        List<String> available = driver.map(d -> d.injections().stream().map(PlatformDriver.Injection::knelpuntId).toList())
                .orElse(List.of());
        for (String id : injectedKnelpunten) {
            if (available.isEmpty()) {
                throw BadInputException.argument("--inject " + id, "injections exist only on the local reference platform;"
                        + " target " + target.name() + " is " + target.kind().id() + "; expected a local target");
            }
            if (!available.contains(id)) {
                throw BadInputException.argument("--inject " + id, "the " + target.kind().id()
                        + " platform has no injection for " + id + "; expected one of " + available);
            }
            injections.add(id);
        }
        return injections;
    }
}
