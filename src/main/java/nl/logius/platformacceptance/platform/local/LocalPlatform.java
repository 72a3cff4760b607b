package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;
import nl.logius.platformacceptance.platform.ProbeImage;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Zone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The local reference platform: tenants, workloads, volumes and zones on this machine's Docker engine,
 * reached through Testcontainers' docker-java client. It can be given {@link LocalInjection faults} that
 * reproduce knelpunten, for calibration.
 *
 * <p>Every resource carries the {@link Ownership} labels; {@link #sweepLeftovers()} removes those of runs
 * whose process is gone, so that a killed run leaves nothing behind for long.
 */
public final class LocalPlatform implements Platform {

    static final String TENANT_LABEL = "platform-acceptance.tenant";
    static final String WORKLOAD_LABEL = "platform-acceptance.workload";
    static final String INSTANCE_LABEL = "platform-acceptance.instance";
    static final String ZONE_LABEL = "platform-acceptance.zone";
    static final String VOLUME_LABEL = "platform-acceptance.volume";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Zone> zones;
    private final Set<LocalInjection> injections;
    private final LocalIngress ingress;
    private final List<LocalTenant> openTenants = new CopyOnWriteArrayList<>();
    /** Guards the client alone: engine calls run on workers that ask for it while other locks are held. */
    private final Object clientLock = new Object();
    private volatile DockerClient docker;
    private ProbeImage probeImage;
    private BlockDevice volumeDevice;
    private final Map<String, String> versionImages = new java.util.concurrent.ConcurrentHashMap<>();

    public LocalPlatform(List<String> zoneNames, Set<LocalInjection> injections) {
        this(zoneNames, injections, null);
    }

    /**
     * @param ingressHostName the target's ingress host, for which the platform's own certificate authority
     *                        issues the ingress's certificates; null when the target describes no ingress
     */
    public LocalPlatform(List<String> zoneNames, Set<LocalInjection> injections, String ingressHostName) {
        this.zones = zoneNames.stream().map(Zone::new).toList();
        this.injections = injections.isEmpty() ? EnumSet.noneOf(LocalInjection.class) : EnumSet.copyOf(injections);
        this.ingress = ingressHostName == null ? null : new LocalIngress(ingressHostName);
    }

    @Override
    public PlatformInfo describe() {
        Version version = DockerCalls.call("ask the Docker engine for its version", () -> docker().versionCmd().exec());
        return new PlatformInfo("local", "Docker Engine", version.getVersion() + " (API " + version.getApiVersion() + ")");
    }

    @Override
    public List<Zone> zones() {
        return zones;
    }

    @Override
    public Tenant createTenant(Ownership owner, String name) {
        probeImageName();
        String networkName = "pa-" + suffix(owner.runId()) + "-" + name + "-" + HexFormat.of().toHexDigits((byte) RANDOM.nextInt())
                + HexFormat.of().toHexDigits((byte) RANDOM.nextInt());
        LocalTenant tenant = new LocalTenant(this, owner, name, networkName);
        openTenants.add(tenant);
        return tenant;
    }

    /** The tenants created and not yet closed, in order of creation. */
    List<LocalTenant> openTenants() {
        return List.copyOf(openTenants);
    }

    void forget(LocalTenant tenant) {
        openTenants.remove(tenant);
    }

    Optional<LocalIngress> ingress() {
        return Optional.ofNullable(ingress);
    }

    @Override
    public Optional<String> unreachableSince(Instant since) {
        return EngineHealth.unreachableSince(since);
    }

    @Override
    public int sweepLeftovers() {
        Instant now = Instant.now();
        int removed = remove(labels -> Ownership.isLeftover(labels, now));
        if (removed > 0) {
            LOG.info("removed {} resources left behind by runs that no longer exist", removed);
        }
        int buildFolders = ProbeImages.sweepBuildFolders();
        if (buildFolders > 0) {
            LOG.info("removed {} probe image build folder(s) left behind by runs that no longer exist", buildFolders);
        }
        return removed;
    }

    @Override
    public int removeAll(Ownership owner) {
        return remove(labels -> owner.runId().equals(labels.get(Ownership.RUN_LABEL))
                && owner.checkLabel().equals(labels.get(Ownership.CHECK_LABEL)));
    }

    @Override
    public int removeRun(String runId) {
        return remove(labels -> runId.equals(labels.get(Ownership.RUN_LABEL)));
    }

    int removeByLabel(String label, String value) {
        return remove(labels -> value.equals(labels.get(label)));
    }

    /** Containers first (they hold networks and volumes), then networks, then volumes. */
    private int remove(Predicate<Map<String, String>> selected) {
        int removed = 0;
        ListContainersCmd list = docker().listContainersCmd().withShowAll(true).withLabelFilter(List.of(Ownership.RUN_LABEL));
        for (Container container : DockerCalls.call("list containers", list::exec)) {
            if (selected.test(container.getLabels())) {
                DockerCalls.runIgnoringMissing("remove container " + container.getId(),
                        () -> docker().removeContainerCmd(container.getId()).withForce(true).exec());
                removed++;
            }
        }
        List<Network> networks = DockerCalls.call("list networks",
                () -> docker().listNetworksCmd().withFilter("label", List.of(Ownership.RUN_LABEL)).exec());
        for (Network network : networks) {
            if (selected.test(network.getLabels())) {
                detachRemaining(network);
                DockerCalls.runIgnoringMissing("remove network " + network.getName(),
                        () -> docker().removeNetworkCmd(network.getId()).exec());
                removed++;
            }
        }
        List<InspectVolumeResponse> volumes = DockerCalls.call("list volumes",
                () -> docker().listVolumesCmd().withFilter("label", List.of(Ownership.RUN_LABEL)).exec().getVolumes());
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (volume.getLabels() != null && selected.test(volume.getLabels())) {
                DockerCalls.runIgnoringMissing("remove volume " + volume.getName(),
                        () -> docker().removeVolumeCmd(volume.getName()).exec());
                removed++;
            }
        }
        return removed;
    }

    /**
     * Detaches what is still attached to a network whose own containers are gone (another tenant's instance
     * wired to it by an injection), so that the network can be removed.
     */
    private void detachRemaining(Network network) {
        Network inspected = DockerCalls.call("inspect network " + network.getName(),
                () -> docker().inspectNetworkCmd().withNetworkId(network.getId()).exec());
        Map<String, Network.ContainerNetworkConfig> attached = inspected.getContainers();
        for (String containerId : attached == null ? Set.<String>of() : attached.keySet()) {
            DockerCalls.runIgnoringMissing("detach " + containerId + " from " + network.getName(), () -> docker()
                    .disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(containerId).withForce(true).exec());
        }
    }

    /** The engine client: every call has a deadline (see {@link EngineConnection}); opening it contacts nothing. */
    DockerClient docker() {
        DockerClient client = docker;
        if (client != null) {
            return client;
        }
        synchronized (clientLock) {
            if (docker == null) {
                try {
                    docker = EngineConnection.client();
                } catch (RuntimeException e) {
                    throw new PlatformUnavailableException("the Docker engine at " + EngineConnection.dockerHost() + " cannot be used ("
                            + PlatformException.rootCauseOf(e) + "); start it (the launcher does: ./platform-acceptance) and try again", e);
                }
            }
            return docker;
        }
    }

    /** The probe image, built with Jib and loaded on first use; its digests go into the run's provenance. */
    @Override
    public synchronized Optional<ProbeImage> probeImage() {
        if (probeImage == null) {
            probeImage = ProbeImages.ensure(docker());
        }
        return Optional.of(probeImage);
    }

    /** The probe image's name on the engine, for creating containers. */
    String probeImageName() {
        return probeImage().orElseThrow().name();
    }

    /**
     * The disk that holds the engine's named volumes, found once through a volume's mount point and this
     * machine's sysfs (the local platform's engine runs on this machine). A volume inspection, not the
     * engine's info: that one can take half a minute on a busy engine.
     */
    synchronized BlockDevice volumeDevice(String volumeName) {
        if (volumeDevice == null) {
            DockerClient client = docker();
            String mountpoint = DockerCalls.call("ask the Docker engine where volume " + volumeName + " lives",
                    () -> client.inspectVolumeCmd(volumeName).exec()).getMountpoint();
            volumeDevice = BlockDevice.holding(Path.of(mountpoint));
        }
        return volumeDevice;
    }

    /** The image of one probe version (built on top of the probe image on first use; see {@link ProbeImages}). */
    String probeImage(String version) {
        String base = probeImageName();
        return versionImages.computeIfAbsent(version, v -> ProbeImages.ensureVersion(docker(), base, v));
    }

    boolean injected(LocalInjection injection) {
        return injections.contains(injection);
    }

    public Set<LocalInjection> injections() {
        return Set.copyOf(injections);
    }

    @Override
    public void close() {
        // Tenants stop their own controllers; the engine client is shared by Testcontainers and stays open.
    }

    private static String suffix(String runId) {
        String clean = runId.toLowerCase().replaceAll("[^a-z0-9]", "");
        return clean.substring(Math.max(0, clean.length() - 6));
    }
}
