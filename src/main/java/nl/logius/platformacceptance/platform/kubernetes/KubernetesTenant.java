package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.target.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tenant on a cluster: a namespace of its own (labelled and annotated with its owner and expiry, removed whole
 * when it closes), or its own labelled resources in one of the profile's pre-created namespaces, their names
 * prefixed with the tenant's id so that runs sharing the namespace never collide.
 */
final class KubernetesTenant implements Tenant {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesTenant.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NAME_CHARACTERS = 63;

    private final KubernetesPlatform platform;
    private final String name;
    private final String namespace;
    private final boolean ownNamespace;
    private final String resourcePrefix;
    private final String tenantId;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final List<KubernetesWorkload> workloads = new CopyOnWriteArrayList<>();

    private KubernetesTenant(KubernetesPlatform platform, Ownership owner, String name, String namespace, boolean ownNamespace,
                             String resourcePrefix, String tenantId) {
        this.platform = platform;
        this.name = name;
        this.namespace = namespace;
        this.ownNamespace = ownNamespace;
        this.resourcePrefix = resourcePrefix;
        this.tenantId = tenantId;
        this.labels = new LinkedHashMap<>(owner.labels());
        labels.put(ProbePods.TENANT_LABEL, tenantId);
        this.annotations = owner.annotations();
    }

    /** A namespace of its own: {@code <prefix>-<run>-<name>-<random>}, at most 63 characters. */
    static KubernetesTenant inOwnNamespace(KubernetesPlatform platform, Ownership owner, String name, String prefix) {
        String random = HexFormat.of().toHexDigits((short) RANDOM.nextInt());
        String run = runSuffix(owner.runId());
        String head = prefix + "-" + run + "-";
        String namespace = head + truncate(name, NAME_CHARACTERS - head.length() - random.length() - 1) + "-" + random;
        KubernetesTenant tenant = new KubernetesTenant(platform, owner, name, namespace, true, "", namespace);
        ApiServer api = platform.api();
        api.run("create namespace " + namespace, () -> api.client().namespaces().resource(new NamespaceBuilder()
                .withMetadata(tenant.metadata(namespace)).build()).create());
        return tenant;
    }

    /** Its own resources in a pre-created namespace, named {@code t<random>-<name>}. */
    static KubernetesTenant inFixedNamespace(KubernetesPlatform platform, Ownership owner, String name, String namespace) {
        String random = HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);
        String tenantId = truncate(runSuffix(owner.runId()) + "-" + name, NAME_CHARACTERS - 8) + "-t" + random;
        return new KubernetesTenant(platform, owner, name, namespace, false, "t" + random + "-", tenantId);
    }

    private static String runSuffix(String runId) {
        String clean = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return clean.substring(Math.max(0, clean.length() - 6));
    }

    private static String truncate(String text, int characters) {
        String cut = text.substring(0, Math.min(text.length(), Math.max(1, characters)));
        return cut.replaceAll("-+$", "");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Zone> zones() {
        return platform.zones();
    }

    @Override
    public Workload deploy(WorkloadSpec spec) {
        if (workloads.stream().anyMatch(w -> w.name().equals(spec.name()))) {
            throw new IllegalArgumentException("tenant " + name + " already has a workload " + spec.name());
        }
        platform.gate().refuseIfMissing(Capability.Operation.DEPLOY);
        KubernetesWorkload workload = KubernetesWorkload.create(this, spec);
        workloads.add(workload);
        return workload;
    }

    /**
     * A PersistentVolumeClaim of the profile's storage class: the ReadWriteOnce class, or for a shared volume the
     * ReadWriteMany class (a profile without one cannot share volumes: {@link NotSupportedException}).
     */
    @Override
    public Volume createVolume(VolumeSpec spec) {
        Target.StorageClasses classes = platform.target().kubernetes().storageClasses();
        if (spec.shared() && classes.readWriteMany() == null) {
            throw new NotSupportedException("target " + platform.target().name() + " names no ReadWriteMany storage class"
                    + " (kubernetes.storageClasses.readWriteMany); a volume cannot be shared by instances");
        }
        platform.gate().refuseIfMissing(spec.shared() ? Capability.Operation.SHARE_VOLUME : Capability.Operation.CREATE_VOLUME);
        String storageClass = spec.shared() ? classes.readWriteMany() : classes.readWriteOnce();
        String accessMode = spec.shared() ? "ReadWriteMany" : "ReadWriteOnce";
        String claimName = resourceName(spec.name());
        // Whole mebibytes: a provisioner rounds up anyway, and a byte count reads badly in its events.
        long mebibytes = Math.max(1, (spec.sizeBytes() + (1L << 20) - 1) >> 20);
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withMetadata(metadata(claimName))
                .withNewSpec().withStorageClassName(storageClass).withAccessModes(accessMode)
                .withNewResources().addToRequests("storage", new Quantity(mebibytes + "Mi")).endResources()
                .endSpec().build();
        ApiServer api = platform.api();
        api.run("create volume claim " + claimName, () -> api.client().persistentVolumeClaims().inNamespace(namespace)
                .resource(claim).create());
        return new KubernetesVolume(api, namespace, spec, claimName, storageClass, accessMode);
    }

    @Override
    public ExternalEndpoint expose(Workload workload) {
        platform.gate().refuseIfMissing(Capability.Operation.EXPOSE);
        KubernetesWorkload exposed = workloads.stream().filter(w -> w == workload).findFirst().orElseThrow(
                () -> new IllegalArgumentException(workload.name() + " is not a workload of tenant " + name));
        return new ExternalAccess(platform, this).publish(exposed);
    }

    /**
     * A NetworkPolicy that selects the zone's pods of this tenant (each labelled with its zone once scheduled) and
     * allows them no ingress and no egress.
     */
    @Override
    public Disruption cutOff(Zone zone) {
        platform.gate().refuseIfMissing(Capability.Operation.CUT_OFF_ZONE);
        List<String> cut = labelZonesOfAllPods().stream().filter(pod -> zone.name().equals(zoneLabel(pod)))
                .map(pod -> pod.getMetadata().getName()).toList();
        String policyName = cutPolicyName(zone);
        Map<String, String> selector = Map.of(ProbePods.TENANT_LABEL, tenantId, ProbePods.ZONE_LABEL, zone.name());
        NetworkPolicy policy = new NetworkPolicyBuilder().withMetadata(metadata(policyName))
                .withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector()
                .withPolicyTypes("Ingress", "Egress").endSpec().build();
        ApiServer api = platform.api();
        api.run("create NetworkPolicy " + policyName, () -> api.client().network().networkPolicies().inNamespace(namespace)
                .resource(policy).create());
        return new Disruption(Disruption.Kind.ZONE_CUT, "zone " + zone, Instant.now(), "NetworkPolicy " + policyName
                + " denies all ingress and egress of the tenant's pods in zone " + zone + " " + cut
                + " (and of any pod labelled into that zone later); the CNI enforces it");
    }

    @Override
    public Disruption restore(Zone zone) {
        String policyName = cutPolicyName(zone);
        ApiServer api = platform.api();
        api.runIgnoringMissing("delete NetworkPolicy " + policyName, () -> api.client().network().networkPolicies()
                .inNamespace(namespace).withName(policyName).delete());
        return new Disruption(Disruption.Kind.ZONE_RESTORE, "zone " + zone, Instant.now(), "NetworkPolicy " + policyName
                + " deleted: the zone's pods take traffic in and out again");
    }

    private String cutPolicyName(Zone zone) {
        return resourceName("cut-off-" + zone.name());
    }

    /** Every pod of the tenant, each labelled with its zone once scheduled (see {@link #labelZone}). */
    List<Pod> labelZonesOfAllPods() {
        ApiServer api = platform.api();
        List<Pod> pods = api.call("list the pods of tenant " + name, () -> api.client().pods().inNamespace(namespace)
                .withLabel(ProbePods.TENANT_LABEL, tenantId).list().getItems());
        return pods.stream().map(this::labelZone).toList();
    }

    /**
     * The pod with its zone label: written once the scheduler has placed it, from its node's zone, so that a
     * NetworkPolicy of a zone cut can select it. A pod not yet scheduled is returned as it is.
     */
    Pod labelZone(Pod pod) {
        if (zoneLabel(pod) != null || pod.getSpec() == null || pod.getSpec().getNodeName() == null
                || pod.getMetadata().getDeletionTimestamp() != null) {
            return pod;
        }
        String zone = platform.nodeZones().zoneOf(pod.getSpec().getNodeName());
        String podName = pod.getMetadata().getName();
        ApiServer api = platform.api();
        try {
            return api.call("label pod " + podName + " with its zone", () -> api.client().pods().inNamespace(namespace)
                    .withName(podName).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"metadata\":{\"labels\":{\"" + ProbePods.ZONE_LABEL + "\":\"" + zone + "\"}}}"));
        } catch (nl.logius.platformacceptance.platform.PlatformException e) {
            if (ApiServer.isNotFound(e)) {
                return pod; // gone meanwhile
            }
            throw e;
        }
    }

    /**
     * The pod with its zone label where the tenant may see its node's zone, else as it is: listing a workload's pods
     * must work without the optional right to get nodes; what needs the zone ({@code zone()}, a zone cut) asks
     * {@link #labelZone} and is refused there.
     */
    Pod labelZoneWhereVisible(Pod pod) {
        try {
            return labelZone(pod);
        } catch (NotSupportedException e) {
            return pod;
        }
    }

    static String zoneLabel(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(ProbePods.ZONE_LABEL);
    }

    /** Removes the namespace (and waits until it is gone), or the tenant's own resources in the shared namespace. */
    @Override
    public void close() {
        try {
            if (ownNamespace) {
                platform.owned().deleteNamespaceAndWait(namespace);
            } else {
                // and waits until its pods are gone, so that the next check in the namespace starts on a quiet one
                platform.owned().remove(labels -> tenantId.equals(labels.get(ProbePods.TENANT_LABEL)), List.of(namespace));
            }
        } catch (RuntimeException e) {
            LOG.warn("tenant {} in namespace {} was not removed completely ({}); a later run's sweep removes the rest", name,
                    namespace, e.getMessage());
        }
    }

    /** The name of a resource of this tenant: its own, or prefixed with the tenant's id in a shared namespace. */
    String resourceName(String name) {
        return resourcePrefix + name;
    }

    /** Metadata with the owner's labels and annotations and the tenant label. */
    ObjectMeta metadata(String resourceName) {
        return new ObjectMetaBuilder().withName(resourceName).withLabels(labels).withAnnotations(annotations).build();
    }

    Map<String, String> labels() {
        return labels;
    }

    Map<String, String> annotations() {
        return annotations;
    }

    String tenantId() {
        return tenantId;
    }

    String namespace() {
        return namespace;
    }

    KubernetesPlatform platform() {
        return platform;
    }

    void forget(KubernetesWorkload workload) {
        workloads.remove(workload);
    }
}
