package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the persistent volume controller and a CSI provisioner on the mock API server, which binds nothing:
 * a claim of a storage class that exists and supports its access mode is bound (its status as the binder writes it);
 * any other gets the event a provisioner emits, {@code ProvisioningFailed}, once.
 */
final class VolumeBinderStandIn {

    private final KubernetesClient cluster;
    /** Storage class -> the access modes its provisioner can give. */
    private final Map<String, Set<String>> accessModes;

    VolumeBinderStandIn(KubernetesClient cluster, Map<String, Set<String>> accessModes) {
        this.cluster = cluster;
        this.accessModes = accessModes;
    }

    void reconcile() {
        for (PersistentVolumeClaim claim : cluster.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
            if ("Bound".equals(phase) || "Lost".equals(phase) || claim.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String storageClass = claim.getSpec().getStorageClassName();
            List<String> wanted = claim.getSpec().getAccessModes();
            Set<String> offered = accessModes.get(storageClass);
            if (offered != null && offered.containsAll(wanted)) {
                cluster.resource(claim).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(
                        Map.of("status", Map.of("phase", "Bound", "accessModes", wanted,
                                "capacity", claim.getSpec().getResources().getRequests()))));
            } else if (!"Pending".equals(phase)) {
                String why = offered == null ? "storageclass.storage.k8s.io \"" + storageClass + "\" not found"
                        : "failed to provision volume with StorageClass \"" + storageClass + "\": access mode " + wanted
                        + " not supported";
                cluster.v1().events().inNamespace(claim.getMetadata().getNamespace()).resource(new EventBuilder()
                        .withNewMetadata().withGenerateName(claim.getMetadata().getName() + ".").endMetadata()
                        .withNewInvolvedObject().withKind("PersistentVolumeClaim").withName(claim.getMetadata().getName())
                        .withNamespace(claim.getMetadata().getNamespace()).withUid(claim.getMetadata().getUid()).endInvolvedObject()
                        .withReason(KubernetesVolume.PROVISIONING_FAILED).withMessage(why).withType("Warning")
                        .withLastTimestamp(Instant.now().toString()).build()).create();
                cluster.resource(claim).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"phase\":\"Pending\"}}");
            }
        }
    }
}
