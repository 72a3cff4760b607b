package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.client.VersionInfo;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.ProbeImage;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes or OpenShift cluster as the checks see it, reached with a tenant's rights through its API server
 * ({@link ApiServer}). Tenants are namespaces of their own (the profile's {@code namespacePrefix}: labelled with
 * the run, the check and an expiry, deleted when the tenant closes, swept by any later run once expired), or the
 * profile's pre-created {@code namespaces}, taken in turn, where a tenant is only its own labelled resources.
 * The zones are the profile's: values of the nodes' {@value ProbePods#ZONE_KEY} label.
 */
final class KubernetesPlatform implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesPlatform.class);

    private final Target target;
    private final ApiServer api;
    private final OwnedResources owned;
    private final NodeZones nodeZones;
    private final List<Zone> zones;
    private final AtomicInteger nextFixedNamespace = new AtomicInteger();
    private final CapabilityGate gate = new CapabilityGate();

    KubernetesPlatform(Target target) {
        this.target = target;
        this.api = ApiServer.of(target.kubernetes());
        this.owned = new OwnedResources(api, isOpenShift());
        this.nodeZones = new NodeZones(api);
        this.zones = target.zones().stream().map(Zone::new).toList();
    }

    @Override
    public PlatformInfo describe() {
        VersionInfo version = api.version();
        return new PlatformInfo(target.kind().id(), isOpenShift() ? "OpenShift (Kubernetes API)" : "Kubernetes",
                version.getGitVersion() + " (API server " + api.url() + ")");
    }

    @Override
    public List<Zone> zones() {
        return zones;
    }

    @Override
    public Tenant createTenant(Ownership owner, String name) {
        Target.Kubernetes cluster = target.kubernetes();
        if (cluster.fixedNamespaces()) {
            List<String> namespaces = cluster.namespaces();
            String namespace = namespaces.get(Math.floorMod(nextFixedNamespace.getAndIncrement(), namespaces.size()));
            return KubernetesTenant.inFixedNamespace(this, owner, name, namespace);
        }
        return KubernetesTenant.inOwnNamespace(this, owner, name, cluster.namespacePrefix());
    }

    @Override
    public int sweepLeftovers() {
        Instant now = Instant.now();
        int removed = owned.remove(labels -> Ownership.isLeftover(labels, now), target.kubernetes().namespaces());
        if (removed > 0) {
            LOG.info("removed {} resources left behind by runs that expired or whose process is gone", removed);
        }
        return removed;
    }

    @Override
    public int removeAll(Ownership owner) {
        return owned.remove(labels -> owner.runId().equals(labels.get(Ownership.RUN_LABEL))
                && owner.checkLabel().equals(labels.get(Ownership.CHECK_LABEL)), target.kubernetes().namespaces());
    }

    @Override
    public int removeRun(String runId) {
        return owned.remove(labels -> runId.equals(labels.get(Ownership.RUN_LABEL)), target.kubernetes().namespaces());
    }

    @Override
    public Optional<String> unreachableSince(Instant since) {
        return api.unreachableSince(since);
    }

    @Override
    public void close() {
        api.close();
    }

    boolean isOpenShift() {
        return target.kind() == PlatformKind.OPENSHIFT;
    }

    /** What the last look at the capabilities found missing, which the operations that need it refuse. */
    CapabilityGate gate() {
        return gate;
    }

    /** Looks at what the checks need of the cluster ({@link ClusterPreflight}); operations then refuse what is missing. */
    @Override
    public List<Capability> capabilities() {
        List<Capability> found = new ClusterPreflight(this).run();
        gate.remember(found);
        return found;
    }

    ApiServer api() {
        return api;
    }

    OwnedResources owned() {
        return owned;
    }

    NodeZones nodeZones() {
        return nodeZones;
    }

    Target target() {
        return target;
    }

    /** The profile's fsGroup for the probe pods, or null where the platform assigns one (OpenShift). */
    Long fsGroup() {
        return target.kubernetes().fsGroup();
    }

    /**
     * The image the pods run: the profile's {@code probeImage}, pinned by digest, as {@code publish-probe} pushed it to
     * the cluster's registry and printed it. A profile without one cannot run a probe: every check that deploys is
     * skipped with that reason.
     */
    String probeImageReference() {
        String image = target.probeImage();
        if (image == null) {
            throw new NotSupportedException("target " + target.name() + " names no probeImage: push the probe image to the"
                    + " cluster's registry with publish-probe --target " + target.source() + " and put the reference it prints"
                    + " (host/repository@sha256:...) into the profile");
        }
        return image;
    }

    @Override
    public Optional<ProbeImage> probeImage() {
        String image = target.probeImage();
        if (image == null) {
            return Optional.empty();
        }
        int at = image.indexOf('@');
        return Optional.of(new ProbeImage(image.substring(0, at), image.substring(at + 1), "not seen by the cluster driver: "
                + "publish-probe records it"));
    }
}
