package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A driver: the implementation of the Platform SPI for one or more kinds of target. Drivers are discovered
 * through {@link java.util.ServiceLoader} (listed in {@code META-INF/services}), as the JUnit Platform
 * discovers its engines; nothing above the SPI imports a driver. See {@link PlatformDrivers}.
 *
 * <p>A driver's tests extend the driver contract test ({@code PlatformContract}), which states what every
 * driver promises.
 */
public interface PlatformDriver {

    /** The target kinds this driver talks to, e.g. {@code LOCAL}, or {@code KUBERNETES} and {@code OPENSHIFT}. */
    Set<PlatformKind> kinds();

    /**
     * The faults this driver can inject to reproduce a knelpunt (calibration), one per knelpunt; empty for a
     * driver of real platforms, which are never disrupted on purpose beyond what a check does.
     */
    List<Injection> injections();

    /** The injection that reproduces a knelpunt, if this driver has one. */
    default Optional<Injection> injection(String knelpuntId) {
        return injections().stream().filter(injection -> injection.knelpuntId().equals(knelpuntId)).findFirst();
    }

    /**
     * The platform of a target, with the given knelpunten injected. Opening contacts nothing: the run asks
     * {@link Platform#describe()} first, which is its reachability test.
     *
     * @param injectedKnelpunten knelpunt ids of {@link #injections()}; validated before by {@link PlatformDrivers}
     */
    Platform open(Target target, Set<String> injectedKnelpunten);

    /**
     * A fault a driver can inject.
     *
     * @param knelpuntId  the knelpunt it reproduces
     * @param name        its name, e.g. {@code NO_REPLACEMENT}
     * @param description what it really does on the platform, for calibration reports
     */
    record Injection(String knelpuntId, String name, String description) {
        @Override
        public String toString() {
            return name;
        }
    }
}
