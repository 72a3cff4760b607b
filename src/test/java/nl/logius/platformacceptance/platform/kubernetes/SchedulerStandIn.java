package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stands in for kube-scheduler on the mock API server, which schedules nothing: places each pod without a node on a
 * node of the zones its required node affinity allows, in the zone with the fewest pods its topology spread
 * constraint counts (what {@code maxSkew: 1} asks), and writes the choice as a real scheduler's binding does
 * ({@code spec.nodeName}). It never runs the driver's code.
 */
final class SchedulerStandIn {

    private final KubernetesClient cluster;

    SchedulerStandIn(KubernetesClient cluster) {
        this.cluster = cluster;
    }

    void reconcile() {
        List<Node> nodes = cluster.nodes().list().getItems();
        List<Pod> pods = cluster.pods().inAnyNamespace().list().getItems();
        for (Pod pod : pods) {
            if (pod.getSpec().getNodeName() != null || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            List<Node> allowed = nodes.stream().filter(node -> allows(pod, zoneOf(node))).toList();
            if (allowed.isEmpty()) {
                continue; // unschedulable, as a real scheduler would leave it Pending
            }
            Node chosen = allowed.stream().min(Comparator.comparingLong((Node node) -> podsCounted(pod, pods, zoneOf(node), nodes))
                    .thenComparing(node -> node.getMetadata().getName())).orElseThrow();
            cluster.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"nodeName\":\"" + chosen.getMetadata().getName() + "\"}}");
            pod.getSpec().setNodeName(chosen.getMetadata().getName());
        }
    }

    static String zoneOf(Node node) {
        return node.getMetadata().getLabels().get(ProbePods.ZONE_KEY);
    }

    private static boolean allows(Pod pod, String zone) {
        if (pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getNodeAffinity() == null) {
            return true;
        }
        var required = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return required == null || required.getNodeSelectorTerms().stream().anyMatch(term -> term.getMatchExpressions().stream()
                .allMatch(expression -> matches(expression, zone)));
    }

    private static boolean matches(NodeSelectorRequirement expression, String zone) {
        return !ProbePods.ZONE_KEY.equals(expression.getKey()) || "In".equals(expression.getOperator())
                && expression.getValues().contains(zone);
    }

    /** How many pods the pod's spread constraint counts in a zone (its selector, its namespace, already placed). */
    private static long podsCounted(Pod pod, List<Pod> pods, String zone, List<Node> nodes) {
        List<TopologySpreadConstraint> constraints = pod.getSpec().getTopologySpreadConstraints();
        if (constraints == null || constraints.isEmpty()) {
            return 0;
        }
        LabelSelector selector = constraints.get(0).getLabelSelector();
        return pods.stream().filter(other -> other != pod && other.getSpec().getNodeName() != null
                        && Objects.equals(other.getMetadata().getNamespace(), pod.getMetadata().getNamespace())
                        && other.getMetadata().getDeletionTimestamp() == null
                        && selects(selector.getMatchLabels(), other.getMetadata().getLabels()))
                .filter(other -> nodes.stream().anyMatch(node -> node.getMetadata().getName().equals(other.getSpec().getNodeName())
                        && zone.equals(zoneOf(node))))
                .count();
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }
}
