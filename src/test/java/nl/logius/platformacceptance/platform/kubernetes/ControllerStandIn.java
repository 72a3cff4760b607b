package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stands in for kube-controller-manager on the mock API server, which runs no controller. It writes what the real
 * controllers write, never calling the driver:
 * <ul>
 *   <li>the Deployment controller: a ReplicaSet per pod template (revision annotation, {@code pod-template-hash}),
 *       a rolling update within maxSurge and maxUnavailable counting ready pods, a rollback to an old template reusing
 *       its ReplicaSet under a new revision, and the Deployment's status;</li>
 *   <li>the ReplicaSet controller: pods up to the replicas (new names), the surplus removed;</li>
 *   <li>the StatefulSet controller: pods {@code <name>-<ordinal>}, a deleted one recreated under its name, a rolling
 *       update from the highest ordinal once the others are ready, and its status;</li>
 *   <li>the garbage collector (dependents of a deleted owner) and the namespace controller (a namespace is held by a
 *       finalizer until everything in it is deleted, as a real namespace stays Terminating).</li>
 * </ul>
 */
final class ControllerStandIn {

    static final String NAMESPACE_FINALIZER = "platform-acceptance.test/namespace-controller-stand-in";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HASH_LABEL = "pod-template-hash";
    private static final String STATEFUL_HASH_LABEL = "controller-revision-hash";

    private final KubernetesClient cluster;

    ControllerStandIn(KubernetesClient cluster) {
        this.cluster = cluster;
    }

    void reconcile() {
        namespaces();
        List<Pod> pods = cluster.pods().inAnyNamespace().list().getItems();
        for (Deployment deployment : cluster.apps().deployments().inAnyNamespace().list().getItems()) {
            deployment(deployment, pods);
        }
        pods = cluster.pods().inAnyNamespace().list().getItems();
        for (ReplicaSet set : cluster.apps().replicaSets().inAnyNamespace().list().getItems()) {
            replicaSet(set, pods);
        }
        for (StatefulSet set : cluster.apps().statefulSets().inAnyNamespace().list().getItems()) {
            statefulSet(set, pods);
        }
        collectGarbage();
    }

    // --- namespace controller ---

    private void namespaces() {
        for (Namespace namespace : cluster.namespaces().list().getItems()) {
            String name = namespace.getMetadata().getName();
            List<String> finalizers = namespace.getMetadata().getFinalizers();
            if (namespace.getMetadata().getDeletionTimestamp() == null) {
                if (finalizers == null || !finalizers.contains(NAMESPACE_FINALIZER)) {
                    cluster.namespaces().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"finalizers\":[\"" + NAMESPACE_FINALIZER + "\"]}}");
                }
                continue;
            }
            List<HasMetadata> inside = contents(name);
            if (inside.isEmpty()) {
                cluster.namespaces().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
            } else {
                inside.forEach(resource -> cluster.resource(resource).delete());
            }
        }
    }

    private List<HasMetadata> contents(String namespace) {
        List<HasMetadata> inside = new ArrayList<>();
        inside.addAll(cluster.apps().deployments().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.apps().statefulSets().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.apps().replicaSets().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.pods().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.services().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.persistentVolumeClaims().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.network().networkPolicies().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.network().v1().ingresses().inNamespace(namespace).list().getItems());
        inside.addAll(cluster.v1().events().inNamespace(namespace).list().getItems());
        return inside;
    }

    // --- garbage collector ---

    private void collectGarbage() {
        Set<String> owners = new java.util.HashSet<>();
        cluster.apps().deployments().inAnyNamespace().list().getItems().forEach(o -> owners.add(o.getMetadata().getUid()));
        cluster.apps().statefulSets().inAnyNamespace().list().getItems().forEach(o -> owners.add(o.getMetadata().getUid()));
        List<ReplicaSet> sets = cluster.apps().replicaSets().inAnyNamespace().list().getItems();
        for (ReplicaSet set : sets) {
            if (orphaned(set, owners)) {
                cluster.resource(set).delete();
            } else {
                owners.add(set.getMetadata().getUid());
            }
        }
        for (Pod pod : cluster.pods().inAnyNamespace().list().getItems()) {
            if (orphaned(pod, owners)) {
                cluster.resource(pod).delete();
            }
        }
    }

    private static boolean orphaned(HasMetadata resource, Set<String> owners) {
        List<OwnerReference> references = resource.getMetadata().getOwnerReferences();
        return references != null && !references.isEmpty() && references.stream().noneMatch(r -> owners.contains(r.getUid()));
    }

    // --- Deployment and ReplicaSet controllers ---

    private void deployment(Deployment deployment, List<Pod> allPods) {
        String namespace = deployment.getMetadata().getNamespace();
        List<ReplicaSet> owned = cluster.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(set -> ownedBy(set, deployment)).collect(Collectors.toCollection(ArrayList::new));
        String hash = hash(deployment.getSpec().getTemplate());
        long newestRevision = owned.stream().mapToLong(ControllerStandIn::revision).max().orElse(0);
        ReplicaSet current = owned.stream().filter(set -> hash.equals(set.getMetadata().getLabels().get(HASH_LABEL))).findFirst()
                .orElse(null);
        if (current == null) {
            current = cluster.apps().replicaSets().inNamespace(namespace).resource(newReplicaSet(deployment, hash, newestRevision + 1))
                    .create();
            owned.add(current);
        } else if (revision(current) < newestRevision) {
            // a rollback to this template: the old ReplicaSet becomes the newest revision again
            current = annotateRevision(current, newestRevision + 1);
        }
        int desired = deployment.getSpec().getReplicas();
        int maxSurge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
        int maxUnavailable = deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal();
        List<ReplicaSet> old = owned.stream().filter(set -> set != null && !hash.equals(set.getMetadata().getLabels().get(HASH_LABEL)))
                .toList();
        int oldReplicas = old.stream().mapToInt(set -> set.getSpec().getReplicas()).sum();
        int currentReplicas = current.getSpec().getReplicas();
        if (oldReplicas == 0) {
            if (currentReplicas != desired) {
                scale(current, desired);
            }
        } else {
            int room = desired + maxSurge - (oldReplicas + currentReplicas);
            int scaledUp = Math.min(desired, currentReplicas + Math.max(0, room));
            if (scaledUp > currentReplicas) {
                scale(current, scaledUp);
            }
            long ready = owned.stream().flatMap(set -> podsOf(set, allPods).stream()).filter(ControllerStandIn::ready).count();
            long canRemove = ready - (desired - maxUnavailable);
            for (ReplicaSet set : old.stream().sorted(Comparator.comparingLong(ControllerStandIn::revision)).toList()) {
                int replicas = set.getSpec().getReplicas();
                int removed = (int) Math.min(replicas, Math.max(0, canRemove));
                if (removed > 0) {
                    scale(set, replicas - removed);
                    canRemove -= removed;
                }
            }
        }
        List<Pod> all = owned.stream().flatMap(set -> podsOf(set, allPods).stream()).toList();
        List<Pod> updated = podsOf(current, allPods);
        long readyCount = all.stream().filter(ControllerStandIn::ready).count();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", deployment.getMetadata().getGeneration());
        status.put("replicas", all.size());
        status.put("updatedReplicas", updated.size());
        status.put("readyReplicas", readyCount);
        status.put("availableReplicas", readyCount);
        writeStatus(deployment, status);
    }

    private ReplicaSet newReplicaSet(Deployment deployment, String hash, long revision) {
        PodTemplateSpec template = Serialization.clone(deployment.getSpec().getTemplate());
        template.getMetadata().getLabels().put(HASH_LABEL, hash);
        Map<String, String> selector = new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
        selector.put(HASH_LABEL, hash);
        return new ReplicaSetBuilder().withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash)
                .withNamespace(deployment.getMetadata().getNamespace()).withLabels(template.getMetadata().getLabels())
                .withAnnotations(Map.of(KubernetesWorkload.REVISION_ANNOTATION, String.valueOf(revision)))
                .withOwnerReferences(ownerReference(deployment)).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(selector).endSelector().withTemplate(template)
                .endSpec().build();
    }

    private ReplicaSet annotateRevision(ReplicaSet set, long revision) {
        return cluster.apps().replicaSets().inNamespace(set.getMetadata().getNamespace()).withName(set.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\""
                        + KubernetesWorkload.REVISION_ANNOTATION + "\":\"" + revision + "\"}}}");
    }

    private void scale(ReplicaSet set, int replicas) {
        cluster.apps().replicaSets().inNamespace(set.getMetadata().getNamespace()).withName(set.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        set.getSpec().setReplicas(replicas);
    }

    private void replicaSet(ReplicaSet set, List<Pod> allPods) {
        List<Pod> pods = podsOf(set, allPods);
        int replicas = set.getSpec().getReplicas();
        for (int i = pods.size(); i < replicas; i++) {
            createPod(set, set.getMetadata().getName() + "-" + randomSuffix(), set.getSpec().getTemplate(), Map.of());
        }
        if (pods.size() > replicas) {
            // unready first, then the newest, as the ReplicaSet controller ranks pods to delete
            pods.stream().sorted(Comparator.comparing(ControllerStandIn::ready)
                            .thenComparing((Pod pod) -> pod.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
                    .limit(pods.size() - replicas).forEach(pod -> cluster.resource(pod).delete());
        }
    }

    // --- StatefulSet controller ---

    private void statefulSet(StatefulSet set, List<Pod> allPods) {
        String hash = hash(set.getSpec().getTemplate());
        List<Pod> pods = podsOf(set, allPods);
        int replicas = set.getSpec().getReplicas();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String name = set.getMetadata().getName() + "-" + ordinal;
            if (pods.stream().noneMatch(pod -> pod.getMetadata().getName().equals(name))) {
                createPod(set, name, set.getSpec().getTemplate(), Map.of(STATEFUL_HASH_LABEL, hash));
            }
        }
        for (Pod pod : pods) {
            int ordinal = ordinal(pod);
            if (ordinal >= replicas) {
                cluster.resource(pod).delete();
            }
        }
        List<Pod> outdated = pods.stream().filter(pod -> !hash.equals(pod.getMetadata().getLabels().get(STATEFUL_HASH_LABEL)))
                .sorted(Comparator.comparingInt(ControllerStandIn::ordinal).reversed()).toList();
        if (!outdated.isEmpty() && pods.stream().allMatch(ControllerStandIn::ready)) {
            cluster.resource(outdated.get(0)).delete(); // recreated with the new template on the next round
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", set.getMetadata().getGeneration());
        status.put("replicas", pods.size());
        status.put("readyReplicas", pods.stream().filter(ControllerStandIn::ready).count());
        status.put("updatedReplicas", pods.size() - outdated.size());
        writeStatus(set, status);
    }

    private static int ordinal(Pod pod) {
        String name = pod.getMetadata().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    // --- shared ---

    private void createPod(HasMetadata owner, String name, PodTemplateSpec template, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.putAll(extraLabels);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations())
                .withOwnerReferences(ownerReference(owner)).endMetadata()
                .withSpec(Serialization.clone(template.getSpec())).build();
        cluster.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
    }

    private void writeStatus(HasMetadata resource, Map<String, Object> status) {
        cluster.resource(resource).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("status", status)));
    }

    private static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build();
    }

    private static boolean ownedBy(HasMetadata resource, HasMetadata owner) {
        return resource.getMetadata().getOwnerReferences() != null && resource.getMetadata().getOwnerReferences().stream()
                .anyMatch(reference -> reference.getUid().equals(owner.getMetadata().getUid()));
    }

    private static List<Pod> podsOf(HasMetadata owner, List<Pod> allPods) {
        return allPods.stream().filter(pod -> ownedBy(pod, owner) && pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long revision(ReplicaSet set) {
        String revision = set.getMetadata().getAnnotations() == null ? null
                : set.getMetadata().getAnnotations().get(KubernetesWorkload.REVISION_ANNOTATION);
        return revision == null ? 0 : Long.parseLong(revision);
    }

    private static String hash(PodTemplateSpec template) {
        try {
            // keys sorted, so that a template read back from the server hashes as the one written
            String canonical = Serialization.asJson(canonical(Serialization.unmarshal(Serialization.asJson(template), Map.class)));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((key, inner) -> sorted.put(String.valueOf(key), canonical(inner)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ControllerStandIn::canonical).toList();
        }
        return value;
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }
}
