package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformContract;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import org.junit.jupiter.api.AutoClose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes driver passes the driver contract against fabric8's mock API server in CRUD mode ({@link MockCluster}),
 * found as a run finds it (ServiceLoader, kind kubernetes). The cluster's controllers, scheduler, kubelets and volume
 * binder are named stand-ins that write the status a real one writes; the kubelet stand-in runs a real probe process
 * per pod and the API server's pod proxy reaches it, so crash, freeze and identity are real. What needs traffic
 * between pods or volumes inside the probes is not verified here, and the output says so.
 */
class KubernetesPlatformContractTest extends PlatformContract {

    @AutoClose
    private final MockCluster cluster = new MockCluster(List.of("zone-a", "zone-b"));

    @Override
    protected Platform openPlatform() {
        return PlatformDrivers.forTarget(cluster.target("mock", List.of()), List.of());
    }

    @Override
    protected List<Map<String, String>> labelsOfEveryResource(String runId) {
        KubernetesClient admin = cluster.admin();
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(admin.namespaces().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.apps().deployments().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.apps().statefulSets().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.apps().replicaSets().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.pods().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.services().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.persistentVolumeClaims().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.network().networkPolicies().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        found.addAll(admin.network().v1().ingresses().inAnyNamespace().withLabel(Ownership.RUN_LABEL, runId).list().getItems());
        return found.stream().map(resource -> resource.getMetadata().getLabels()).toList();
    }

    @Override
    protected LostPlatform aLostPlatform() {
        Platform lost = PlatformDrivers.forTarget(cluster.target("lost", List.of(), MockCluster.closedPort()), List.of());
        Instant before = Instant.now();
        try {
            lost.createTenant(owner("lost"), "lost").deploy(WorkloadSpec.probe("web"));
            return new LostPlatform(false, "a tenant was created on a closed port", lost.unreachableSince(before));
        } catch (PlatformException e) {
            return new LostPlatform(true, e.getMessage(), lost.unreachableSince(before));
        } finally {
            lost.close();
        }
    }

    @Override
    protected boolean trafficBetweenInstances() {
        return false;
    }

    @Override
    protected boolean volumesInProbes() {
        return false;
    }

    @Override
    protected String dataPlaneLimits() {
        return "the mock API server has no network between pods and no volumes in them: its kubelet stand-in runs each"
                + " probe as a process on 127.0.0.1 with ports of its own";
    }
}
