package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.PlatformException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zone of a node, from its {@value ProbePods#ZONE_KEY} label. Reading a node needs {@code get nodes}, a cluster
 * right a tenant has only with the optional ClusterRole (deploy/kubernetes/clusterrole.yaml); without it the zone of
 * a pod the scheduler placed freely cannot be known, and asking for it is {@link NotSupportedException}.
 */
final class NodeZones {

    private final ApiServer api;
    private final Map<String, String> zoneOfNode = new ConcurrentHashMap<>();
    /** Set once the API server refused to show a node: a tenant's rights do not change during a run, so it is not asked again. */
    private volatile NotSupportedException refused;

    NodeZones(ApiServer api) {
        this.api = api;
    }

    String zoneOf(String nodeName) {
        String known = zoneOfNode.get(nodeName);
        if (known != null) {
            return known;
        }
        if (refused != null) {
            throw refused;
        }
        Node node;
        try {
            node = api.call("get node " + nodeName, () -> api.client().nodes().withName(nodeName).get());
        } catch (PlatformException e) {
            if (ApiServer.isForbidden(e)) {
                refused = new NotSupportedException("the zone of an instance the scheduler placed cannot be seen: the tenant"
                        + " may not get nodes (the optional ClusterRole in deploy/kubernetes/clusterrole.yaml gives that right)");
                throw refused;
            }
            throw e;
        }
        String zone = node == null || node.getMetadata().getLabels() == null ? null
                : node.getMetadata().getLabels().get(ProbePods.ZONE_KEY);
        if (zone == null) {
            throw new PlatformException("node " + nodeName + " has no " + ProbePods.ZONE_KEY + " label");
        }
        zoneOfNode.put(nodeName, zone);
        return zone;
    }
}
