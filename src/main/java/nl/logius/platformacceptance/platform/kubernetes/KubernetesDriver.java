package nl.logius.platformacceptance.platform.kubernetes;

import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformDriver;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The driver of Kubernetes and OpenShift clusters (fabric8 kubernetes-client), with a tenant's rights: found
 * through {@link java.util.ServiceLoader} for the kinds {@code kubernetes} and {@code openshift}. A real cluster
 * is never disrupted on purpose beyond what a check does, so it has no injections.
 */
public final class KubernetesDriver implements PlatformDriver {

    @Override
    public Set<PlatformKind> kinds() {
        return EnumSet.of(PlatformKind.KUBERNETES, PlatformKind.OPENSHIFT);
    }

    @Override
    public List<Injection> injections() {
        return List.of();
    }

    @Override
    public Platform open(Target target, Set<String> injectedKnelpunten) {
        if (!injectedKnelpunten.isEmpty()) {
            throw new IllegalArgumentException("a cluster has no injections: " + injectedKnelpunten);
        }
        return new KubernetesPlatform(target);
    }
}
