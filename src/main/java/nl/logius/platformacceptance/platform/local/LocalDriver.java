package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformDriver;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The driver of the local reference platform on this machine's Docker engine, with its injections. */
public final class LocalDriver implements PlatformDriver {

    @Override
    public Set<PlatformKind> kinds() {
        return EnumSet.of(PlatformKind.LOCAL);
    }

    @Override
    public List<Injection> injections() {
        return Arrays.stream(LocalInjection.values())
                .map(injection -> new Injection(injection.knelpuntId(), injection.name(), injection.description())).toList();
    }

    @Override
    public Platform open(Target target, Set<String> injectedKnelpunten) {
        Set<LocalInjection> injections = EnumSet.noneOf(LocalInjection.class);
        for (String id : injectedKnelpunten) {
            injections.add(LocalInjection.forKnelpunt(id).orElseThrow(() -> new IllegalArgumentException(
                    "the local platform has no injection for " + id)));
        }
        return new LocalPlatform(target.zones(), injections, target.ingress() == null ? null : target.ingress().host());
    }
}
