package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A workload on a cluster: a Deployment and a Service, or, where the spec asks for stable identity, a StatefulSet
 * and a headless Service. The cluster's controllers do the work (replace, roll, scale); the driver changes the
 * objects with JSON Merge Patches (never strategic merge or server-side apply) and waits, each wait with its
 * deadline, for the status the controllers write.
 */
final class KubernetesWorkload implements Workload {

    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    private static final Duration POLL = Duration.ofMillis(250);

    private final KubernetesTenant tenant;
    private final String resourceName;
    private final Map<String, String> selector;
    private volatile WorkloadSpec spec;
    /** StatefulSets have no rollout undo: the versions before the current one, newest first. */
    private final Deque<String> earlierVersions = new ArrayDeque<>();
    /** Per crashed pod, its restart count before the crash: it is not healed until the count has risen. */
    private final Map<String, Integer> restartsBeforeCrash = new ConcurrentHashMap<>();
    /** Per deleted pod, the uids of the workload's pods just before: its replacement is none of them. */
    private final Map<String, Set<String>> podsBeforeDeletion = new ConcurrentHashMap<>();

    private KubernetesWorkload(KubernetesTenant tenant, WorkloadSpec spec) {
        this.tenant = tenant;
        this.spec = spec;
        this.resourceName = tenant.resourceName(spec.name());
        this.selector = Map.of(ProbePods.TENANT_LABEL, tenant.tenantId(), ProbePods.WORKLOAD_LABEL, spec.name());
    }

    static KubernetesWorkload create(KubernetesTenant tenant, WorkloadSpec spec) {
        KubernetesWorkload workload = new KubernetesWorkload(tenant, spec);
        workload.createService();
        workload.createController();
        return workload;
    }

    private ApiServer api() {
        return tenant.platform().api();
    }

    private String namespace() {
        return tenant.namespace();
    }

    private void createService() {
        Service service = new ServiceBuilder().withMetadata(tenant.metadata(resourceName))
                .withNewSpec().withSelector(selector).withClusterIP(spec.stableIdentity() ? "None" : null)
                .addNewPort().withName(ProbePods.SERVICE_PORT_NAME).withPort(ProbeMain.SERVICE_PORT)
                .withTargetPort(new IntOrString(ProbePods.SERVICE_PORT_NAME)).endPort()
                .endSpec().build();
        api().run("create service " + resourceName, () -> api().client().services().inNamespace(namespace()).resource(service).create());
    }

    private void createController() {
        PodTemplateSpec template = template(spec);
        if (spec.stableIdentity()) {
            StatefulSet set = new StatefulSetBuilder().withMetadata(tenant.metadata(resourceName))
                    .withNewSpec().withReplicas(spec.instances()).withServiceName(resourceName)
                    .withPodManagementPolicy("Parallel")
                    .withNewSelector().withMatchLabels(selector).endSelector().withTemplate(template)
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .endSpec().build();
            api().run("create StatefulSet " + resourceName, () -> api().client().apps().statefulSets().inNamespace(namespace())
                    .resource(set).create());
            return;
        }
        Deployment deployment = new DeploymentBuilder().withMetadata(tenant.metadata(resourceName))
                .withNewSpec().withReplicas(spec.instances()).withRevisionHistoryLimit(10)
                .withNewSelector().withMatchLabels(selector).endSelector().withTemplate(template)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(spec.rollout().maxSurge()))
                .withMaxUnavailable(new IntOrString(spec.rollout().maxUnavailable())).endRollingUpdate().endStrategy()
                .endSpec().build();
        api().run("create Deployment " + resourceName, () -> api().client().apps().deployments().inNamespace(namespace())
                .resource(deployment).create());
    }

    private PodTemplateSpec template(WorkloadSpec of) {
        List<String> claims = of.mounts().stream().map(mount -> ((KubernetesVolume) mount.volume()).claimName()).toList();
        return ProbePods.template(of, tenant.platform().probeImageReference(), selector, tenant.labels(), tenant.annotations(),
                tenant.zones(), claims, tenant.platform().fsGroup());
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public WorkloadSpec spec() {
        return spec;
    }

    @Override
    public String serviceName() {
        return resourceName;
    }

    @Override
    public int servicePort() {
        return ProbeMain.SERVICE_PORT;
    }

    @Override
    public List<Instance> instances() {
        return pods().stream().map(pod -> (Instance) new KubernetesInstance(this, pod)).toList();
    }

    /** The workload's pods that are not being deleted, by name, each labelled with its zone once scheduled. */
    List<Pod> pods() {
        List<Pod> pods = api().call("list the pods of " + resourceName, () -> api().client().pods().inNamespace(namespace())
                .withLabels(selector).list().getItems());
        return pods.stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName())).map(tenant::labelZoneWhereVisible).toList();
    }

    Optional<Pod> pod(String podName) {
        return Optional.ofNullable(api().call("get pod " + podName, () -> api().client().pods().inNamespace(namespace())
                .withName(podName).get())).filter(pod -> pod.getMetadata().getDeletionTimestamp() == null);
    }

    @Override
    public synchronized String version() {
        return ProbePods.version(controller().map(this::templateOf).orElseGet(() -> template(spec)));
    }

    @Override
    public Duration awaitReady(int count, Instant from, Duration deadline) {
        awaitUntil(count + " ready instances of " + name(), from, deadline, () -> readyInstances() >= count);
        return Duration.between(from, Instant.now());
    }

    @Override
    public Instance awaitReplacement(Disruption disruption, Duration deadline) {
        String awaited = "a ready instance of " + name() + " in place of " + disruption.target() + " (after its "
                + disruption.kind().word() + ")";
        // The pod found ready is the one returned: asking again could find it unready a moment later.
        AtomicReference<Pod> replacement = new AtomicReference<>();
        awaitUntil(awaited, disruption.at(), deadline, () -> replacementOf(disruption).map(pod -> {
            replacement.set(pod);
            return true;
        }).orElse(false));
        return new KubernetesInstance(this, replacement.get());
    }

    /**
     * After a crash or freeze the same pod, ready again (after a crash: with a higher restart count); after a delete
     * a ready pod that did not exist before it, under the same name only with stable identity.
     */
    private Optional<Pod> replacementOf(Disruption disruption) {
        return pods().stream().filter(this::isReady).filter(pod -> switch (disruption.kind()) {
            case DELETE -> !podsBeforeDeletion.getOrDefault(disruption.target(), Set.of()).contains(pod.getMetadata().getUid())
                    && (!spec.stableIdentity() || pod.getMetadata().getName().equals(disruption.target()));
            default -> pod.getMetadata().getName().equals(disruption.target());
        }).findFirst();
    }

    @Override
    public int readyInstances() {
        return (int) pods().stream().filter(this::isReady).count();
    }

    /** Ready by its Ready condition; a crashed pod only once the kubelet has restarted it (restart count risen). */
    boolean isReady(Pod pod) {
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        Integer before = restartsBeforeCrash.get(pod.getMetadata().getName());
        if (before == null) {
            return ready;
        }
        if (restartCount(pod) > before) {
            restartsBeforeCrash.remove(pod.getMetadata().getName(), before);
            return ready;
        }
        return false;
    }

    static int restartCount(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? 0 : pod.getStatus().getContainerStatuses()
                .stream().mapToInt(status -> status.getRestartCount() == null ? 0 : status.getRestartCount()).sum();
    }

    void crashed(String podName, int restartsBefore) {
        restartsBeforeCrash.put(podName, restartsBefore);
    }

    void deleting(String podName) {
        podsBeforeDeletion.put(podName, pods().stream().map(pod -> pod.getMetadata().getUid()).collect(Collectors.toSet()));
    }

    @Override
    public synchronized void scale(int instances) {
        spec = spec.instances(instances);
        patchController("scale " + resourceName + " to " + instances, PatchType.JSON_MERGE, "{\"spec\":{\"replicas\":" + instances + "}}");
    }

    /** The Deployment's (or StatefulSet's) rolling update to a pod template of the new version, within the deadline. */
    @Override
    public synchronized void update(String version, Duration deadline) {
        Instant start = Instant.now();
        String current = version();
        applyTemplate(template(spec.version(version)), "update " + resourceName + " to version " + version);
        earlierVersions.push(current);
        spec = spec.version(version);
        awaitRollout(version, start, deadline);
    }

    /**
     * Back to the pod template before the last update, as {@code kubectl rollout undo} does: for a Deployment the
     * template of its ReplicaSet of the previous revision; for a StatefulSet (which has no undo) the previous version.
     */
    @Override
    public synchronized void rollback(Duration deadline) {
        Instant start = Instant.now();
        PodTemplateSpec previous = spec.stableIdentity() ? template(spec.version(previousVersionOfStatefulSet()))
                : previousReplicaSetTemplate();
        String version = ProbePods.version(previous);
        applyTemplate(previous, "roll " + resourceName + " back to version " + version);
        if (!earlierVersions.isEmpty()) {
            earlierVersions.pop();
        }
        spec = spec.version(version);
        awaitRollout(version, start, deadline);
    }

    private String previousVersionOfStatefulSet() {
        if (earlierVersions.isEmpty()) {
            throw new IllegalStateException(name() + " has no earlier version to roll back to");
        }
        return earlierVersions.peek();
    }

    private PodTemplateSpec previousReplicaSetTemplate() {
        Deployment deployment = (Deployment) controller().orElseThrow(() -> new PlatformException("Deployment " + resourceName
                + " is gone"));
        List<ReplicaSet> revisions = api().call("list the ReplicaSets of " + resourceName, () -> api().client().apps()
                        .replicaSets().inNamespace(namespace()).withLabels(selector).list().getItems()).stream()
                .filter(set -> set.getMetadata().getOwnerReferences() != null && set.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> owner.getUid().equals(deployment.getMetadata().getUid())))
                .sorted(Comparator.comparingLong(KubernetesWorkload::revision).reversed()).toList();
        if (revisions.size() < 2) {
            throw new IllegalStateException(name() + " has no earlier revision to roll back to (" + revisions.size() + " ReplicaSet)");
        }
        PodTemplateSpec template = revisions.get(1).getSpec().getTemplate();
        template.getMetadata().getLabels().remove("pod-template-hash");
        return template;
    }

    private static long revision(ReplicaSet set) {
        String revision = set.getMetadata().getAnnotations() == null ? null : set.getMetadata().getAnnotations().get(REVISION_ANNOTATION);
        try {
            return revision == null ? 0 : Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Replaces the pod template whole, with a JSON Patch: the same result on every API server (the mock API server
     * does not replace the lists of a JSON Merge Patch, so the container's environment would keep its old version).
     */
    private void applyTemplate(PodTemplateSpec template, String what) {
        patchController(what, PatchType.JSON, Serialization.asJson(List.of(Map.of("op", "replace", "path", "/spec/template",
                "value", template))));
    }

    private void patchController(String what, PatchType type, String patch) {
        PatchContext context = PatchContext.of(type);
        if (spec.stableIdentity()) {
            api().run(what, () -> api().client().apps().statefulSets().inNamespace(namespace()).withName(resourceName)
                    .patch(context, patch));
        } else {
            api().run(what, () -> api().client().apps().deployments().inNamespace(namespace()).withName(resourceName)
                    .patch(context, patch));
        }
    }

    private Optional<HasMetadata> controller() {
        return Optional.ofNullable(api().call("get " + resourceName, () -> spec.stableIdentity()
                ? api().client().apps().statefulSets().inNamespace(namespace()).withName(resourceName).get()
                : api().client().apps().deployments().inNamespace(namespace()).withName(resourceName).get()));
    }

    private PodTemplateSpec templateOf(HasMetadata controller) {
        return controller instanceof Deployment deployment ? deployment.getSpec().getTemplate()
                : ((StatefulSet) controller).getSpec().getTemplate();
    }

    /**
     * The rollout is complete when the controller has seen the change and every one of its replicas is of the new
     * template and ready, with none of the old left: what {@code kubectl rollout status} waits for.
     */
    private void awaitRollout(String version, Instant start, Duration deadline) {
        awaitUntil("the rollout of " + resourceName + " to version " + version, start, deadline, () -> {
            List<Pod> pods = pods();
            return rolledOut() && pods.size() == spec.instances() && pods.stream().allMatch(this::isReady)
                    && pods.stream().allMatch(pod -> version.equals(ProbePods.version(pod.getSpec())));
        });
    }

    private boolean rolledOut() {
        Optional<HasMetadata> controller = controller();
        if (controller.isEmpty()) {
            return false;
        }
        if (controller.get() instanceof Deployment deployment) {
            var status = deployment.getStatus();
            int replicas = deployment.getSpec().getReplicas();
            return status != null && status.getObservedGeneration() != null
                    && status.getObservedGeneration() >= deployment.getMetadata().getGeneration()
                    && equal(status.getUpdatedReplicas(), replicas) && equal(status.getReplicas(), replicas)
                    && equal(status.getAvailableReplicas(), replicas);
        }
        StatefulSet set = (StatefulSet) controller.get();
        var status = set.getStatus();
        return status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= set.getMetadata().getGeneration()
                && equal(status.getUpdatedReplicas(), set.getSpec().getReplicas())
                && equal(status.getReadyReplicas(), set.getSpec().getReplicas());
    }

    private static boolean equal(Integer count, int expected) {
        return (count == null ? 0 : count) == expected;
    }

    /** Waits until {@code condition} holds, at most until {@code from + deadline}; the API server must answer meanwhile. */
    private void awaitUntil(String awaited, Instant from, Duration deadline, Callable<Boolean> condition) {
        Duration left = Duration.between(Instant.now(), from.plus(deadline));
        try {
            await(awaited).atMost(left.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : left)
                    .pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new DeadlineExceededException(awaited, deadline, describeReadiness());
        }
    }

    private String describeReadiness() {
        try {
            String pods = pods().stream().map(pod -> pod.getMetadata().getName() + " version " + ProbePods.version(pod.getSpec())
                    + (isReady(pod) ? " ready" : " not ready") + " (restarts " + restartCount(pod) + ")").collect(Collectors.joining(", "));
            return pods + "; " + controller().map(controller -> controller.getKind() + " generation "
                    + controller.getMetadata().getGeneration() + ", status " + (controller instanceof Deployment deployment
                    ? deployment.getStatus() : ((StatefulSet) controller).getStatus())).orElse("no controller");
        } catch (RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** Removes the controller and its service; the cluster's garbage collector removes the pods. */
    @Override
    public void delete() {
        OwnedResources owned = tenant.platform().owned();
        controller().ifPresent(owned::delete);
        api().runIgnoringMissing("delete service " + resourceName, () -> api().client().services().inNamespace(namespace())
                .withName(resourceName).delete());
        tenant.forget(this);
    }

    KubernetesTenant tenant() {
        return tenant;
    }

    String resourceName() {
        return resourceName;
    }

    Map<String, String> selector() {
        return new LinkedHashMap<>(selector);
    }
}
