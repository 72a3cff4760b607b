package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeRefusedException;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tenant on the local platform: a labelled user-defined bridge network (its own DNS, isolated from other
 * tenants' networks), the workloads and volumes in it, and the health checks of its instances.
 */
final class LocalTenant implements Tenant {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTenant.class);

    private final LocalPlatform platform;
    private final String name;
    private final String networkName;
    private final Map<String, String> labels;
    private final List<LocalWorkload> workloads = new CopyOnWriteArrayList<>();
    private final List<LocalVolume> volumes = new CopyOnWriteArrayList<>();
    private final ReadinessController readiness;
    private final InstanceStorage storage = new InstanceStorage(this);
    /** The workloads' controller: replaces deleted instances in the background, one at a time. */
    private final ExecutorService controller;

    LocalTenant(LocalPlatform platform, Ownership owner, String name, String networkName) {
        this.platform = platform;
        this.name = name;
        this.networkName = networkName;
        this.labels = new LinkedHashMap<>(owner.labels());
        labels.put(LocalPlatform.TENANT_LABEL, networkName);
        DockerCalls.run("create tenant network " + networkName, () -> docker().createNetworkCmd()
                .withName(networkName).withDriver("bridge").withCheckDuplicate(true).withLabels(labels).exec());
        this.readiness = new ReadinessController(networkName, this::allInstances, !platform.injected(LocalInjection.NO_HEALTH_CHECKS));
        this.controller = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "controller-" + networkName);
            thread.setDaemon(true);
            return thread;
        });
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
        LocalWorkload workload = new LocalWorkload(this, spec);
        workloads.add(workload);
        workload.start();
        return workload;
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        String dockerName = networkName + "-" + spec.name();
        Map<String, String> volumeLabels = new LinkedHashMap<>(labels);
        volumeLabels.put(LocalPlatform.VOLUME_LABEL, spec.name());
        Map<String, String> driverOptions = new LinkedHashMap<>();
        if (injected(LocalInjection.PROVISIONER_REFUSES)) {
            // The local driver can enforce a size only with project quotas (xfs): elsewhere it refuses the claim.
            driverOptions.put("size", String.valueOf(spec.sizeBytes()));
        }
        VolumeRefusedException refused = null;
        try {
            DockerCalls.run("create volume " + spec.name(), () -> docker().createVolumeCmd().withName(dockerName)
                    .withLabels(volumeLabels).withDriverOpts(driverOptions).exec());
        } catch (PlatformException e) {
            if (!(e.getCause() instanceof DockerException refusal)) {
                throw e;
            }
            // The engine refuses at once; the SPI reports a refusal when the volume is awaited, as a cluster does.
            refused = new VolumeRefusedException(spec.name(), DockerCalls.engineMessage(refusal), e);
        }
        if (refused == null) {
            RestrictedSecurity.groupWritable(docker(), dockerName);
        }
        LocalVolume volume = new LocalVolume(spec.name(), spec.sizeBytes(), dockerName, refused);
        volumes.add(volume);
        if (injected(LocalInjection.BIT_ROT) && refused == null) {
            startBitRot(volume);
        }
        return volume;
    }

    /**
     * A volume for one instance alone, in place of the shared one its workload asked for (the injection of
     * KP-STO-05); labelled like every volume of the tenant, so that it goes with the tenant.
     */
    String volumeOfItsOwn(LocalVolume shared, String instanceName) {
        String dockerName = shared.dockerName() + "-" + instanceName;
        Map<String, String> volumeLabels = new LinkedHashMap<>(labels);
        volumeLabels.put(LocalPlatform.VOLUME_LABEL, shared.name() + "-" + instanceName);
        DockerCalls.run("create volume " + dockerName,
                () -> docker().createVolumeCmd().withName(dockerName).withLabels(volumeLabels).exec());
        RestrictedSecurity.groupWritable(docker(), dockerName);
        return dockerName;
    }

    /** The disk that holds the engine's volumes. */
    BlockDevice volumeDevice(String volumeName) {
        return platform.volumeDevice(volumeName);
    }

    InstanceStorage storage() {
        return storage;
    }

    /** The injection of KP-STO-02: a process that flips bytes in files on the volume after they are written. */
    private void startBitRot(LocalVolume volume) {
        Map<String, String> sidecarLabels = new LinkedHashMap<>(labels);
        sidecarLabels.put(LocalPlatform.INSTANCE_LABEL, "bit-rot-" + volume.name());
        // Restricted like every probe container: it writes the files the instances wrote, as the same UID.
        String id = DockerCalls.call("create bit rot on " + volume.name(), () -> RestrictedSecurity.apply(docker().createContainerCmd(image())
                .withName(volume.dockerName() + "-bit-rot")
                .withLabels(sidecarLabels)
                .withEnv("PROBE_MODE=bit-rot", "PROBE_BIT_ROT_DIR=/volume")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(new com.github.dockerjava.api.model.Bind(volume.dockerName(),
                                new com.github.dockerjava.api.model.Volume("/volume")))))
                .exec().getId());
        DockerCalls.run("start bit rot on " + volume.name(), () -> docker().startContainerCmd(id).exec());
    }

    /**
     * The local ingress: a network element that terminates TLS with a certificate of the platform's own
     * authority for the target's ingress host, on a port published on 127.0.0.1, in front of the service.
     * With {@link LocalInjection#INGRESS_TLS_MISCONFIGURED} it is misconfigured in several ways at once.
     */
    @Override
    public ExternalEndpoint expose(Workload workload) {
        LocalIngress ingress = platform.ingress().orElseThrow(() -> new NotSupportedException(
                "the target describes no ingress host; an external HTTPS endpoint cannot be published"));
        LocalNetworkElement element = ingress.start(this, workload, injected(LocalInjection.INGRESS_TLS_MISCONFIGURED));
        element.awaitHealthy(LocalIngress.READY_DEADLINE);
        return new ExternalEndpoint(ingress.hostName(), "127.0.0.1", element.publishedPort(ProbeMain.INGRESS_PORT),
                List.of(ingress.caBundle()));
    }

    /** The network faults injected into the path to every service, if any. */
    Optional<LocalNetworkElement.Faults> networkFaults() {
        return LocalNetworkElement.Faults.of(platform.injections());
    }

    /**
     * With {@link LocalInjection#TENANTS_SHARE_A_NETWORK}, attaches a new instance also to the network of every
     * other open tenant of this platform (without a name there): the fault of a platform that wires tenants
     * together. Otherwise does nothing.
     */
    void wireToOtherTenants(String containerId, String instanceName) {
        if (!injected(LocalInjection.TENANTS_SHARE_A_NETWORK)) {
            return;
        }
        for (LocalTenant other : platform.openTenants()) {
            if (other != this) {
                DockerCalls.run("attach " + instanceName + " to tenant " + other.name(), () -> docker().connectToNetworkCmd()
                        .withNetworkId(other.networkName()).withContainerId(containerId).exec());
            }
        }
    }

    @Override
    public Disruption cutOff(Zone zone) {
        List<LocalInstance> cut = instancesIn(zone);
        Instant at = Instant.now();
        for (LocalInstance instance : cut) {
            DockerCalls.runIgnoringMissing("cut " + instance.name() + " off", () -> docker().disconnectFromNetworkCmd()
                    .withNetworkId(networkName).withContainerId(instance.containerId()).withForce(true).exec());
        }
        return new Disruption(Disruption.Kind.ZONE_CUT, "zone " + zone, at, "its instances " + names(cut)
                + " disconnected from the tenant's network (docker network disconnect): no traffic in or out");
    }

    @Override
    public Disruption restore(Zone zone) {
        List<LocalInstance> restored = instancesIn(zone);
        Instant at = Instant.now();
        for (LocalInstance instance : restored) {
            LocalWorkload workload = instance.workload();
            DockerCalls.runIgnoringMissing("reconnect " + instance.name(), () -> docker().connectToNetworkCmd()
                    .withNetworkId(networkName).withContainerId(instance.containerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(workload.aliases(instance.name())))
                    .exec());
        }
        return new Disruption(Disruption.Kind.ZONE_RESTORE, "zone " + zone, at, "its instances " + names(restored)
                + " connected to the tenant's network again under their names (docker network connect)");
    }

    private static String names(List<LocalInstance> instances) {
        return instances.stream().map(LocalInstance::name).toList().toString();
    }

    private List<LocalInstance> instancesIn(Zone zone) {
        return allInstances().stream().filter(i -> i.zone().equals(zone)).toList();
    }

    void forget(LocalWorkload workload) {
        workloads.remove(workload);
    }

    List<LocalInstance> allInstances() {
        return workloads.stream().flatMap(w -> w.localInstances().stream()).toList();
    }

    @Override
    public void close() {
        controller.shutdownNow();
        try {
            // A replacement being created as the tenant closes would otherwise start after the removal below listed
            // the tenant's containers, and run until a later sweep.
            if (!controller.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("the controller of {} did not stop within 30 s; a later sweep removes what it starts", networkName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readiness.close();
        platform.forget(this);
        platform.removeByLabel(LocalPlatform.TENANT_LABEL, networkName);
    }

    DockerClient docker() {
        return platform.docker();
    }

    String image() {
        return platform.probeImageName();
    }

    /** The image of one probe version, as workloads deploy it. */
    String image(String version) {
        return platform.probeImage(version);
    }

    String networkName() {
        return networkName;
    }

    Map<String, String> labels() {
        return labels;
    }

    ExecutorService controller() {
        return controller;
    }

    ReadinessController readiness() {
        return readiness;
    }

    boolean injected(LocalInjection injection) {
        return platform.injected(injection);
    }
}
