package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Rollout;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A workload on the local platform: containers of the probe image that share the workload's name as a
 * network alias (Docker's embedded DNS answers it round robin). The driver is the workload's controller, as
 * a Deployment's is on Kubernetes: it scales, rolls updates as the spec's {@link Rollout} says, rolls back,
 * and replaces a deleted instance (under a new name, unless the spec asks for stable identity).
 */
final class LocalWorkload implements Workload {

    /** How long the controller gives a replacement it starts on its own to become ready. */
    static final Duration REPLACEMENT_READY_DEADLINE = Duration.ofSeconds(120);
    private static final long MEMORY_BYTES = 512L * 1024 * 1024;
    /** KP-FO-04 injected: how long a write stays in the workload's memory after it was acknowledged. */
    private static final Duration WRITE_BEHIND = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorkload.class);

    private final LocalTenant tenant;
    private final WorkloadSpec spec;
    private final List<LocalInstance> instances = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final Deque<String> versions = new ArrayDeque<>();
    /** The faulty network element holding the service name, when a network fault is injected; else null. */
    private volatile LocalNetworkElement faultyFront;

    /**
     * Instances not in the service name, only under their own: a new instance of a rolling update until it
     * is ready, or one that an injection keeps out.
     */
    private final Set<String> outsideService = ConcurrentHashMap.newKeySet();

    LocalWorkload(LocalTenant tenant, WorkloadSpec spec) {
        this.tenant = tenant;
        this.spec = spec;
        versions.push(spec.version());
    }

    void start() {
        tenant.networkFaults().ifPresent(faults -> faultyFront = LocalNetworkElement.start(tenant, spec.name() + "--element",
                serviceName(), backendAlias() + ":" + ProbeMain.SERVICE_PORT, ProbeMain.SERVICE_PORT,
                faults.environment(), false, Map.of()));
        for (int i = 0; i < spec.instances(); i++) {
            startInstance(version());
        }
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
        return spec.name();
    }

    @Override
    public int servicePort() {
        return ProbeMain.SERVICE_PORT;
    }

    @Override
    public List<Instance> instances() {
        return instances.stream().sorted(Comparator.comparingInt(LocalInstance::index)).map(Instance.class::cast).toList();
    }

    List<LocalInstance> localInstances() {
        return List.copyOf(instances);
    }

    @Override
    public synchronized String version() {
        return versions.peek();
    }

    @Override
    public Duration awaitReady(int count, Instant from, Duration deadline) {
        String awaited = count + " ready instances of " + name();
        awaitUntil(awaited, from, deadline, () -> readyInstances() >= count);
        if (faultyFront != null) {
            // The service is reachable only through the element that holds its name.
            faultyFront.awaitHealthy(atLeast100Millis(remaining(from, deadline)));
        }
        return Duration.between(from, Instant.now());
    }

    @Override
    public Instance awaitReplacement(Disruption disruption, Duration deadline) {
        String awaited = "a ready instance of " + name() + " in place of " + disruption.target() + " (after its "
                + disruption.kind().word() + ")";
        awaitUntil(awaited, disruption.at(), deadline, () -> replacementOf(disruption).isPresent());
        return replacementOf(disruption).orElseThrow();
    }

    /**
     * The instance serving in place of a disrupted one, if it is ready: after a crash or a freeze the same
     * instance (readiness forgets a crashed process, so ready means its new process answered); after a delete
     * an instance the controller started since, under the same name only with stable identity.
     */
    private Optional<Instance> replacementOf(Disruption disruption) {
        return instances.stream().filter(LocalInstance::isReady).filter(instance -> !outsideService.contains(instance.name()))
                .filter(instance -> switch (disruption.kind()) {
            case DELETE -> !instance.createdAt().isBefore(disruption.at())
                    && (!spec.stableIdentity() || instance.name().equals(disruption.target()));
            default -> instance.name().equals(disruption.target());
        }).map(Instance.class::cast).findFirst();
    }

    /** Waits until {@code condition} holds, at most until {@code from + deadline}; the engine must answer meanwhile. */
    private void awaitUntil(String awaited, Instant from, Duration deadline, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(awaited).atMost(atLeast100Millis(remaining(from, deadline))).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> engineAnswers(awaited) && condition.call());
        } catch (ConditionTimeoutException e) {
            // Readiness seen through a silent engine is no measurement of the platform: broken, not a missed deadline.
            EngineHealth.confirmAnswering("waiting for " + awaited);
            throw new DeadlineExceededException(awaited, deadline, describeReadiness());
        }
    }

    private static Duration remaining(Instant from, Duration deadline) {
        return Duration.between(Instant.now(), from.plus(deadline));
    }

    private static Duration atLeast100Millis(Duration duration) {
        return duration.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : duration;
    }

    @Override
    public int readyInstances() {
        return (int) instances.stream().filter(LocalInstance::isReady).count();
    }

    /** Starts or retires instances; it does not wait for new ones to be ready (see {@link #awaitReady}). */
    @Override
    public synchronized void scale(int count) {
        // KP-DEP-04 injected: instances added by scaling out never join the service name.
        boolean joinService = !tenant.injected(LocalInjection.SCALED_OUT_NOT_IN_SERVICE);
        while (instances.size() < count) {
            startInstance(version(), joinService);
        }
        while (instances.size() > count) {
            retire(instances.stream().max(Comparator.comparingInt(LocalInstance::index)).orElseThrow());
        }
    }

    @Override
    public synchronized void update(String version, Duration deadline) {
        Instant start = Instant.now();
        versions.push(version);
        rollTo(version, start, deadline);
    }

    @Override
    public synchronized void rollback(Duration deadline) {
        if (versions.size() < 2) {
            throw new IllegalStateException(name() + " has no earlier version to roll back to");
        }
        Instant start = Instant.now();
        String current = versions.pop();
        // KP-DEP-03 injected: the platform records the rollback but redeploys the version it rolls back from.
        rollTo(tenant.injected(LocalInjection.ROLLBACK_REDEPLOYS_CURRENT) ? current : versions.peek(), start, deadline);
    }

    /**
     * A rolling update as the spec's {@link Rollout} says (Kubernetes' maxSurge and maxUnavailable): in each
     * step, retire up to max-unavailable old instances, start their replacements and up to max-surge more,
     * wait until the new ones are ready and let them join the service name, then retire the rest of the step's
     * old instances gracefully. With the default (1, 0) no capacity is lost and no request on the way.
     */
    private void rollTo(String version, Instant start, Duration deadline) {
        if (tenant.injected(LocalInjection.UPDATE_STOPS_ALL_FIRST)) {
            recreate(version, start, deadline);
            return;
        }
        Rollout rollout = spec.rollout();
        Deque<LocalInstance> outgoing = new ArrayDeque<>(List.copyOf(instances));
        while (!outgoing.isEmpty()) {
            int step = Math.min(outgoing.size(), Math.max(1, rollout.maxSurge() + rollout.maxUnavailable()));
            List<LocalInstance> replaced = new ArrayList<>();
            for (int i = 0; i < step; i++) {
                replaced.add(outgoing.poll());
            }
            int retireFirst = Math.min(rollout.maxUnavailable(), step);
            replaced.subList(0, retireFirst).forEach(this::retire);
            List<LocalInstance> incoming = new ArrayList<>();
            for (int i = 0; i < step; i++) {
                incoming.add(startInstance(version, false));
            }
            for (LocalInstance instance : incoming) {
                awaitInstanceReady(instance, start, deadline);
                joinService(instance);
            }
            replaced.subList(retireFirst, step).forEach(this::retire);
        }
    }

    /** KP-DEP-02 injected: every old instance is stopped before any new one is ready; the service is down meanwhile. */
    private void recreate(String version, Instant start, Duration deadline) {
        List<LocalInstance> outgoing = List.copyOf(instances);
        outgoing.forEach(this::remove);
        List<LocalInstance> incoming = outgoing.stream().map(old -> startInstance(version)).toList();
        incoming.forEach(instance -> awaitInstanceReady(instance, start, deadline));
    }

    /**
     * Removes an instance at once, without draining, as a node that loses a pod; the controller then starts a
     * replacement in the background (ready before it joins the service name), as a ReplicaSet does.
     */
    Disruption deleteAbruptly(LocalInstance victim) {
        Instant at = Instant.now();
        instances.remove(victim);
        outsideService.remove(victim.name());
        tenant.readiness().forget(victim);
        DockerCalls.runIgnoringMissing("delete instance " + victim.name(),
                () -> tenant.docker().removeContainerCmd(victim.containerId()).withForce(true).exec());
        // KP-FO-01 injected: the controller does not replace what was deleted.
        if (!tenant.injected(LocalInjection.NO_REPLACEMENT)) {
            OptionalInt sameIndex = spec.stableIdentity() ? OptionalInt.of(victim.index()) : OptionalInt.empty();
            tenant.controller().execute(() -> replace(victim.name(), sameIndex));
        }
        return new Disruption(Disruption.Kind.DELETE, victim.name(), at,
                "forced removal of its container (docker rm --force): its processes killed at once, no grace");
    }

    private synchronized void replace(String deleted, OptionalInt index) {
        try {
            LocalInstance incoming = startInstance(version(), false, index);
            awaitInstanceReady(incoming, Instant.now(), REPLACEMENT_READY_DEADLINE);
            joinService(incoming);
        } catch (RuntimeException e) {
            LOG.warn("the controller could not replace {} of {}: {}", deleted, name(), e.getMessage());
        }
    }

    /**
     * Puts a ready instance into the service name, as Kubernetes adds a ready pod to a Service's endpoints.
     * Docker's DNS lists a starting container before its network answers, so that clients would wait for a
     * connect timeout on it; an instance therefore starts under its own name only, and joins when ready (an
     * alias can only be added by connecting again).
     */
    private void joinService(LocalInstance instance) {
        DockerCalls.run("disconnect " + instance.name(), () -> tenant.docker().disconnectFromNetworkCmd()
                .withNetworkId(tenant.networkName()).withContainerId(instance.containerId()).exec());
        List<String> aliases = aliasesInService(instance.name());
        DockerCalls.run("connect " + instance.name(), () -> tenant.docker().connectToNetworkCmd()
                .withNetworkId(tenant.networkName()).withContainerId(instance.containerId())
                .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork().withAliases(aliases))
                .exec());
        // Only now is it in the service (and its admin port published anew): a replacement is awaited until here.
        outsideService.remove(instance.name());
    }

    /**
     * Takes an instance out of the workload as Kubernetes ends a pod: out of rotation for new connections
     * (clients move on to the other instances), then the requests it is answering finish (at most the spec's
     * termination grace), then it is removed. Without the drain, a request in flight would be cut off.
     */
    private void retire(LocalInstance instance) {
        instances.remove(instance); // no more health checks, so nothing puts it back in rotation
        tenant.readiness().forget(instance);
        runningPidIfAny(instance).ifPresent(pid -> {
            ServicePortGate.close(pid, ProbeMain.SERVICE_PORT);
            try {
                await(instance.name() + " drained").atMost(atLeast100Millis(spec.terminationGrace())).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> ServiceConnections.inUse(pid, ProbeMain.SERVICE_PORT) == 0);
            } catch (ConditionTimeoutException e) {
                LOG.debug("{} still had connections after {}; removing it anyway", instance.name(), spec.terminationGrace());
            }
        });
        DockerCalls.runIgnoringMissing("remove instance " + instance.name(),
                () -> tenant.docker().removeContainerCmd(instance.containerId()).withForce(true).exec());
        outsideService.remove(instance.name());
    }

    /** The instance's process, if it runs; nothing when its container is already gone. */
    private static java.util.Optional<Long> runningPidIfAny(LocalInstance instance) {
        try {
            return instance.runningPid();
        } catch (PlatformException e) {
            if (e.getCause() instanceof com.github.dockerjava.api.exception.NotFoundException) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized void delete() {
        for (LocalInstance instance : List.copyOf(instances)) {
            remove(instance);
        }
        if (faultyFront != null) {
            faultyFront.remove();
        }
        tenant.forget(this);
    }

    private void awaitInstanceReady(LocalInstance instance, Instant from, Duration deadline) {
        awaitUntil(instance.name() + " ready", from, deadline, instance::isReady);
    }

    private LocalInstance startInstance(String version) {
        return startInstance(version, true);
    }

    private LocalInstance startInstance(String version, boolean joinService) {
        return startInstance(version, joinService, OptionalInt.empty());
    }

    /**
     * Starts one instance of the version's image; {@code joinService} false leaves it out of the service name;
     * {@code reuseIndex} gives it the name of one it replaces (stable identity).
     */
    private LocalInstance startInstance(String version, boolean joinService, OptionalInt reuseIndex) {
        int index = reuseIndex.orElseGet(nextIndex::getAndIncrement);
        String instanceName = spec.name() + "-" + index;
        Zone zone = spec.zone().orElseGet(() -> tenant.injected(LocalInjection.ALL_IN_ONE_ZONE)
                ? tenant.zones().get(0) : tenant.zones().get(index % tenant.zones().size()));
        Map<String, String> labels = new LinkedHashMap<>(tenant.labels());
        labels.put(LocalPlatform.WORKLOAD_LABEL, spec.name());
        labels.put(LocalPlatform.INSTANCE_LABEL, instanceName);
        labels.put(LocalPlatform.ZONE_LABEL, zone.name());
        // The version is a property of the image (its PROBE_VERSION), not of the instance's environment.
        List<String> env = new ArrayList<>(List.of("PROBE_INSTANCE=" + instanceName, "PROBE_ZONE=" + zone.name(),
                "PROBE_WORKLOAD=" + spec.name()));
        if (tenant.injected(LocalInjection.SLOW_READINESS)) {
            env.add("PROBE_READY_DELAY_MS=90000");
        }
        if (tenant.injected(LocalInjection.ACK_BEFORE_DURABLE)) {
            env.add("PROBE_LOG_WRITE_BEHIND_MS=" + WRITE_BEHIND.toMillis());
        }
        RestartPolicy restart = tenant.injected(LocalInjection.CRASH_NOT_HEALED) ? RestartPolicy.noRestart()
                : RestartPolicy.alwaysRestart();
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(tenant.networkName())
                .withDns("127.0.0.1") // names the tenant does not know must fail inside, never leave the machine
                .withDnsOptions(List.of("timeout:2", "attempts:1")) // and fail within seconds, as a cluster resolver does
                .withRestartPolicy(restart)
                .withMemory(MEMORY_BYTES)
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(ProbeMain.ADMIN_PORT)));
        tenant.storage().mount(spec, instanceName, host);
        String containerName = tenant.networkName() + "-" + instanceName;
        String image = tenant.image(version);
        if (!joinService) {
            outsideService.add(instanceName);
        }
        CreateContainerResponse created = DockerCalls.call("create instance " + instanceName, () -> {
            CreateContainerCmd create = tenant.docker().createContainerCmd(image)
                    .withName(containerName)
                    .withHostName(instanceName)
                    .withLabels(labels)
                    .withEnv(env)
                    .withExposedPorts(ExposedPort.tcp(ProbeMain.SERVICE_PORT), ExposedPort.tcp(ProbeMain.ADMIN_PORT))
                    .withAliases(aliases(instanceName))
                    .withHostConfig(host);
            return RestrictedSecurity.apply(create).exec();
        });
        String id = created.getId();
        tenant.storage().verifyApplied(instanceName, created.getWarnings());
        LocalInstance instance = new LocalInstance(tenant.docker(), this, id, instanceName, index, zone, version, tenant.readiness());
        instances.add(instance);
        tenant.wireToOtherTenants(id, instanceName);
        DockerCalls.run("start instance " + instanceName, () -> tenant.docker().startContainerCmd(id).exec());
        tenant.readiness().admit(instance);
        return instance;
    }

    List<String> aliases(String instanceName) {
        if (outsideService.contains(instanceName)) {
            return List.of(instanceName);
        }
        return aliasesInService(instanceName);
    }

    /** The names an instance has once it is in the service. */
    private List<String> aliasesInService(String instanceName) {
        if (tenant.injected(LocalInjection.SERVICE_NAME_NOT_IN_DNS)) {
            return List.of(instanceName);
        }
        if (tenant.networkFaults().isPresent()) {
            return List.of(instanceName, backendAlias()); // the faulty element holds the service name
        }
        return List.of(instanceName, spec.name());
    }

    /**
     * The name the instances share behind a network element. No dot: Docker's DNS would also answer the
     * part before it (the service name itself) with these instances.
     */
    private String backendAlias() {
        return spec.name() + "--backend";
    }

    private void remove(LocalInstance instance) {
        instance.runningPid().ifPresent(pid -> ServicePortGate.close(pid, ProbeMain.SERVICE_PORT));
        instances.remove(instance);
        tenant.readiness().forget(instance);
        DockerCalls.runIgnoringMissing("remove instance " + instance.name(),
                () -> tenant.docker().removeContainerCmd(instance.containerId()).withForce(true).exec());
    }

    /** True, or a {@link nl.logius.platformacceptance.platform.PlatformUnavailableException} when the engine is known gone. */
    private static boolean engineAnswers(String awaited) {
        EngineHealth.requireAvailable("waiting for " + awaited);
        return true;
    }

    private String describeReadiness() {
        return instances().stream().map(i -> i.name() + (i.isReady() ? " ready" : " not ready"))
                .collect(Collectors.joining(", "));
    }
}
