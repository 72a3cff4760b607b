package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.client.OpenShiftClient;
import nl.logius.platformacceptance.platform.Ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The resources the driver creates, found by their {@link Ownership} labels and removed: whole namespaces where
 * tenants have namespaces of their own, or each kind of resource where they share the profile's pre-created
 * namespaces (pods go with their Deployment or StatefulSet, by the cluster's garbage collector).
 */
final class OwnedResources {

    /** How long closing a tenant waits for its namespace to be gone, so that the next check starts on a quiet cluster. */
    static final Duration NAMESPACE_REMOVAL = Duration.ofMinutes(2);

    private final ApiServer api;
    private final boolean openShift;

    OwnedResources(ApiServer api, boolean openShift) {
        this.api = api;
        this.openShift = openShift;
    }

    /** Every kind of namespaced resource a tenant creates, listed in one namespace by label. */
    List<HasMetadata> inNamespace(String namespace, String labelKey) {
        KubernetesClient client = api.client();
        List<Function<String, List<? extends HasMetadata>>> kinds = new ArrayList<>(List.of(
                ns -> client.apps().deployments().inNamespace(ns).withLabel(labelKey).list().getItems(),
                ns -> client.apps().statefulSets().inNamespace(ns).withLabel(labelKey).list().getItems(),
                ns -> client.services().inNamespace(ns).withLabel(labelKey).list().getItems(),
                ns -> client.persistentVolumeClaims().inNamespace(ns).withLabel(labelKey).list().getItems(),
                ns -> client.network().networkPolicies().inNamespace(ns).withLabel(labelKey).list().getItems(),
                ns -> client.network().v1().ingresses().inNamespace(ns).withLabel(labelKey).list().getItems()));
        if (openShift) {
            kinds.add(ns -> client.adapt(OpenShiftClient.class).routes().inNamespace(ns).withLabel(labelKey).list().getItems());
        }
        List<HasMetadata> found = new ArrayList<>();
        for (Function<String, List<? extends HasMetadata>> kind : kinds) {
            found.addAll(api.call("list the harness's resources in namespace " + namespace, () -> kind.apply(namespace)));
        }
        return found;
    }

    /** The namespaces the harness created for its tenants (those with a run label). */
    List<Namespace> namespaces() {
        return api.call("list the harness's namespaces",
                () -> api.client().namespaces().withLabel(Ownership.RUN_LABEL).list().getItems());
    }

    /**
     * Removes the selected namespaces (own-namespace mode) or resources in the fixed namespaces, and waits, within
     * {@link #NAMESPACE_REMOVAL}, until the cluster has removed them and what was in them: a removal that returned
     * leaves no pod behind that still loads the cluster or answers. Returns how many it removed.
     */
    int remove(Predicate<Map<String, String>> selected, List<String> fixedNamespaces) {
        List<String> removedNamespaces = new ArrayList<>();
        int removed = 0;
        if (fixedNamespaces.isEmpty()) {
            for (Namespace namespace : namespaces()) {
                if (selected.test(namespace.getMetadata().getLabels())) {
                    deleteNamespace(namespace.getMetadata().getName());
                    removedNamespaces.add(namespace.getMetadata().getName());
                    removed++;
                }
            }
        } else {
            for (String namespace : fixedNamespaces) {
                for (HasMetadata resource : inNamespace(namespace, Ownership.RUN_LABEL)) {
                    if (selected.test(resource.getMetadata().getLabels())) {
                        delete(resource);
                        removed++;
                    }
                }
            }
        }
        if (removed > 0) {
            await("the removed resources gone").atMost(NAMESPACE_REMOVAL).pollInterval(Duration.ofMillis(250))
                    .until(() -> fixedNamespaces.isEmpty()
                            ? namespaces().stream().noneMatch(ns -> removedNamespaces.contains(ns.getMetadata().getName()))
                            : fixedNamespaces.stream().flatMap(ns -> pods(ns).stream()).noneMatch(pod ->
                                    selected.test(pod.getMetadata().getLabels())));
        }
        return removed;
    }

    private List<io.fabric8.kubernetes.api.model.Pod> pods(String namespace) {
        return api.call("list the harness's pods in namespace " + namespace, () -> api.client().pods().inNamespace(namespace)
                .withLabel(Ownership.RUN_LABEL).list().getItems());
    }

    void delete(HasMetadata resource) {
        api.runIgnoringMissing("delete " + resource.getKind() + " " + resource.getMetadata().getName(),
                () -> api.client().resource(resource).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
                        .delete());
    }

    void deleteNamespace(String namespace) {
        api.runIgnoringMissing("delete namespace " + namespace, () -> api.client().namespaces().withName(namespace).delete());
    }

    /** Deletes a namespace and waits, within {@link #NAMESPACE_REMOVAL}, until the cluster has removed it and all in it. */
    void deleteNamespaceAndWait(String namespace) {
        deleteNamespace(namespace);
        await("namespace " + namespace + " removed").atMost(NAMESPACE_REMOVAL).pollInterval(Duration.ofMillis(250))
                .until(() -> api.call("look for namespace " + namespace,
                        () -> api.client().namespaces().withName(namespace).get()) == null);
    }
}
