package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A workload on the local platform: containers of the probe image that share the workload's name as a
 * network alias (Docker's embedded DNS answers it round robin). The driver is the workload's controller:
 * it scales, rolls updates instance by instance, and rolls back.
 */
final class LocalWorkload implements Workload {

    static final Duration INSTANCE_READY_DEADLINE = Duration.ofSeconds(120);
    private static final long MEMORY_BYTES = 512L * 1024 * 1024;

    private final LocalTenant tenant;
    private final WorkloadSpec spec;
    private final List<LocalInstance> instances = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final Deque<String> versions = new ArrayDeque<>();

    LocalWorkload(LocalTenant tenant, WorkloadSpec spec) {
        this.tenant = tenant;
        this.spec = spec;
        versions.push(spec.version());
    }

    void start() {
        for (int i = 0; i < spec.instances(); i++) {
            startInstance(version());
        }
    }

    @Override
    public String name() {
        return spec.name();
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
    public Duration awaitReady(int count, Duration deadline) {
        long start = System.nanoTime();
        try {
            await(count + " ready instances of " + name()).atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> engineAnswers(count + " ready instances of " + name()) && readyInstances() >= count);
        } catch (ConditionTimeoutException e) {
            // Readiness seen through a silent engine is no measurement of the platform: broken, not a missed deadline.
            EngineHealth.confirmAnswering("waiting for " + count + " ready instances of " + name());
            throw new DeadlineExceededException(count + " ready instances of " + name(), deadline, describeReadiness());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public int readyInstances() {
        return (int) instances.stream().filter(LocalInstance::isReady).count();
    }

    @Override
    public synchronized void scale(int count) {
        while (instances.size() < count) {
            startInstance(version());
        }
        while (instances.size() > count) {
            remove(instances.stream().max(Comparator.comparingInt(LocalInstance::index)).orElseThrow());
        }
    }

    @Override
    public synchronized void update(String version) {
        rollTo(version);
        versions.push(version);
    }

    @Override
    public synchronized void rollback() {
        if (versions.size() < 2) {
            throw new IllegalStateException(name() + " has no earlier version to roll back to");
        }
        versions.pop();
        rollTo(versions.peek());
    }

    /**
     * A rolling update, one instance at a time: start an instance of the new version, wait until it is ready
     * (and so in rotation), then take one old instance out of rotation and remove it.
     */
    private void rollTo(String version) {
        for (LocalInstance outgoing : List.copyOf(instances)) {
            LocalInstance incoming = startInstance(version);
            awaitInstanceReady(incoming);
            remove(outgoing);
        }
    }

    @Override
    public synchronized void delete() {
        for (LocalInstance instance : List.copyOf(instances)) {
            remove(instance);
        }
        tenant.forget(this);
    }

    private void awaitInstanceReady(LocalInstance instance) {
        try {
            await(instance.name() + " ready").atMost(INSTANCE_READY_DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> engineAnswers(instance.name() + " ready") && instance.isReady());
        } catch (ConditionTimeoutException e) {
            EngineHealth.confirmAnswering("waiting for " + instance.name() + " to be ready");
            throw new DeadlineExceededException(instance.name() + " ready", INSTANCE_READY_DEADLINE, describeReadiness());
        }
    }

    private LocalInstance startInstance(String version) {
        int index = nextIndex.getAndIncrement();
        String instanceName = spec.name() + "-" + index;
        Zone zone = spec.zone().orElseGet(() -> tenant.zones().get(index % tenant.zones().size()));
        Map<String, String> labels = new LinkedHashMap<>(tenant.labels());
        labels.put(LocalPlatform.WORKLOAD_LABEL, spec.name());
        labels.put(LocalPlatform.INSTANCE_LABEL, instanceName);
        labels.put(LocalPlatform.ZONE_LABEL, zone.name());
        List<String> env = new ArrayList<>(List.of("PROBE_INSTANCE=" + instanceName, "PROBE_ZONE=" + zone.name(),
                "PROBE_VERSION=" + version, "PROBE_WORKLOAD=" + spec.name()));
        if (tenant.injected(LocalInjection.SLOW_READINESS)) {
            env.add("PROBE_READY_DELAY_MS=90000");
        }
        RestartPolicy restart = tenant.injected(LocalInjection.NO_RESTART)
                ? RestartPolicy.noRestart() : RestartPolicy.alwaysRestart();
        List<Bind> binds = spec.mounts().stream()
                .map(mount -> new Bind(((LocalVolume) mount.volume()).dockerName(),
                        new com.github.dockerjava.api.model.Volume(mount.path()),
                        mount.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro
                                : com.github.dockerjava.api.model.AccessMode.rw))
                .toList();
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(tenant.networkName())
                .withDns("127.0.0.1") // names the tenant does not know must fail inside, never leave the machine
                .withDnsOptions(List.of("timeout:2", "attempts:1")) // and fail within seconds, as a cluster resolver does
                .withRestartPolicy(restart)
                .withMemory(MEMORY_BYTES)
                .withBinds(binds)
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(ProbeMain.ADMIN_PORT)));
        String containerName = tenant.networkName() + "-" + instanceName;
        String id = DockerCalls.call("create instance " + instanceName, () -> {
            CreateContainerCmd create = tenant.docker().createContainerCmd(tenant.image())
                    .withName(containerName)
                    .withHostName(instanceName)
                    .withLabels(labels)
                    .withEnv(env)
                    .withExposedPorts(ExposedPort.tcp(ProbeMain.SERVICE_PORT), ExposedPort.tcp(ProbeMain.ADMIN_PORT))
                    .withAliases(aliases(instanceName))
                    .withHostConfig(host);
            return create.exec().getId();
        });
        LocalInstance instance = new LocalInstance(tenant.docker(), id, instanceName, index, zone, version, tenant.readiness());
        instances.add(instance);
        DockerCalls.run("start instance " + instanceName, () -> tenant.docker().startContainerCmd(id).exec());
        tenant.readiness().admit(instance);
        return instance;
    }

    List<String> aliases(String instanceName) {
        return tenant.injected(LocalInjection.SERVICE_NAME_NOT_IN_DNS)
                ? List.of(instanceName) : List.of(instanceName, spec.name());
    }

    private void remove(LocalInstance instance) {
        instance.runningPid().ifPresent(pid -> ServicePortGate.close(pid, ProbeMain.SERVICE_PORT));
        instances.remove(instance);
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
