package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * A network element of the local platform in a tenant's network: a TCP proxy (the probe image in its
 * {@code proxy} mode) that holds a name on the network and passes traffic to an upstream name. The
 * platform uses it as the HTTPS ingress in front of a service, and, when a knelpunt is injected, as the
 * faulty element in front of every service (see {@link Faults}). It is not an instance of any workload:
 * checks never see it, they only see what it does to their traffic.
 */
final class LocalNetworkElement {

    static final String ELEMENT_LABEL = "platform-acceptance.network-element";
    private static final long MEMORY_BYTES = 256L * 1024 * 1024;
    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(800);

    private final LocalTenant tenant;
    private final String name;
    private final String containerId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();

    private LocalNetworkElement(LocalTenant tenant, String name, String containerId) {
        this.tenant = tenant;
        this.name = name;
        this.containerId = containerId;
    }

    /**
     * The faults of a faulty network element in front of every service, for the injections that need one.
     *
     * @param latencyMillis  how long each chunk of data is held, each direction (0: none)
     * @param cutAboveBytes  reset a connection that carried this many bytes one way (0: never)
     * @param idleCutMillis  reset a connection idle this long (0: never)
     */
    record Faults(long latencyMillis, long cutAboveBytes, long idleCutMillis) {

        static final long LINK_LATENCY_MILLIS = 6;
        static final long CUT_ABOVE_BYTES = 256 * 1024;
        static final long IDLE_CUT_MILLIS = 5_000;

        static Optional<Faults> of(Set<LocalInjection> injections) {
            Faults faults = new Faults(
                    injections.contains(LocalInjection.SLOW_LINK_BETWEEN_ZONES) ? LINK_LATENCY_MILLIS : 0,
                    injections.contains(LocalInjection.LARGE_TRANSFERS_CUT) ? CUT_ABOVE_BYTES : 0,
                    injections.contains(LocalInjection.IDLE_CONNECTIONS_CUT) ? IDLE_CUT_MILLIS : 0);
            return faults.equals(new Faults(0, 0, 0)) ? Optional.empty() : Optional.of(faults);
        }

        List<String> environment() {
            return List.of("PROBE_PROXY_LATENCY_MS=" + latencyMillis, "PROBE_PROXY_CUT_ABOVE_BYTES=" + cutAboveBytes,
                    "PROBE_PROXY_IDLE_CUT_MS=" + idleCutMillis);
        }
    }

    /**
     * Starts an element on the tenant's network.
     *
     * @param name         its name (container host name), unique in the tenant
     * @param alias        the name it holds on the network (a service name), or null for none
     * @param upstream     {@code host:port} it passes traffic to
     * @param listenPort   the port it listens on
     * @param environment  more settings of the proxy ({@code PROBE_PROXY_*}, {@code PROBE_TLS_*})
     * @param published    whether {@code listenPort} is published on 127.0.0.1 (an ingress)
     * @param files        files to place under {@code /} before it starts (path relative to / -> content); each
     *                     top-level folder is a volume of the element's own, as its root file system is read-only
     */
    static LocalNetworkElement start(LocalTenant tenant, String name, String alias, String upstream, int listenPort,
                                     List<String> environment, boolean published, Map<String, byte[]> files) {
        Map<String, String> labels = new LinkedHashMap<>(tenant.labels());
        labels.put(LocalPlatform.INSTANCE_LABEL, name);
        labels.put(ELEMENT_LABEL, name);
        List<String> env = new ArrayList<>(List.of("PROBE_MODE=proxy", "PROBE_INSTANCE=" + name,
                "PROBE_WORKLOAD=" + name, "PROBE_PROXY_UPSTREAM=" + upstream, "PROBE_PROXY_LISTEN_PORT=" + listenPort));
        env.addAll(environment);
        List<PortBinding> bindings = new ArrayList<>(List.of(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(ProbeMain.ADMIN_PORT))));
        if (published) {
            bindings.add(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(listenPort)));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(tenant.networkName())
                .withDns("127.0.0.1")
                .withDnsOptions(List.of("timeout:2", "attempts:1"))
                .withRestartPolicy(RestartPolicy.alwaysRestart())
                .withMemory(MEMORY_BYTES)
                .withPortBindings(bindings)
                .withBinds(fileVolumes(tenant, name, files));
        String id = DockerCalls.call("create network element " + name, () -> RestrictedSecurity.apply(tenant.docker()
                .createContainerCmd(tenant.image())
                .withName(tenant.networkName() + "-" + name)
                .withHostName(name)
                .withLabels(labels)
                .withEnv(env)
                .withExposedPorts(ExposedPort.tcp(listenPort), ExposedPort.tcp(ProbeMain.ADMIN_PORT))
                .withAliases(alias == null ? List.of(name) : List.of(name, alias))
                .withHostConfig(host))
                .exec().getId());
        if (!files.isEmpty()) {
            copyInto(tenant, id, name, files);
        }
        DockerCalls.run("start network element " + name, () -> tenant.docker().startContainerCmd(id).exec());
        return new LocalNetworkElement(tenant, name, id);
    }

    String name() {
        return name;
    }

    /** The port on 127.0.0.1 that a container port is published on now. */
    int publishedPort(int containerPort) {
        return publishedPort(inspect(), containerPort).orElseThrow(() -> new PlatformException(
                "network element " + name + " has no published port for " + containerPort));
    }

    /** Waits until the element answers its health check, i.e. its proxy listens. */
    void awaitHealthy(Duration deadline) {
        try {
            await("network element " + name + " healthy").atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(this::isHealthy);
        } catch (ConditionTimeoutException e) {
            throw new DeadlineExceededException("network element " + name + " healthy", deadline, null);
        }
    }

    void remove() {
        DockerCalls.runIgnoringMissing("remove network element " + name,
                () -> tenant.docker().removeContainerCmd(containerId).withForce(true).exec());
    }

    private boolean isHealthy() {
        InspectContainerResponse inspection = inspect();
        if (!Boolean.TRUE.equals(inspection.getState().getRunning())) {
            return false;
        }
        Optional<Integer> admin = publishedPort(inspection, ProbeMain.ADMIN_PORT);
        if (admin.isEmpty()) {
            return false;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.get() + "/health"))
                    .timeout(HEALTH_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private InspectContainerResponse inspect() {
        return DockerCalls.call("inspect network element " + name, () -> tenant.docker().inspectContainerCmd(containerId).exec());
    }

    private static Optional<Integer> publishedPort(InspectContainerResponse inspection, int containerPort) {
        Ports.Binding[] bindings = inspection.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /**
     * A volume of the element's own (labelled like the tenant, so that it goes with it) for each top-level folder of
     * {@code files}: the engine copies into a volume of a container whose root file system is read-only, never into
     * that file system itself.
     */
    private static List<Bind> fileVolumes(LocalTenant tenant, String name, Map<String, byte[]> files) {
        List<Bind> binds = new ArrayList<>();
        for (String folder : topLevelFolders(files)) {
            String volume = tenant.networkName() + "-" + name + "-" + folder;
            Map<String, String> labels = new LinkedHashMap<>(tenant.labels());
            labels.put(LocalPlatform.VOLUME_LABEL, name + "-" + folder);
            DockerCalls.run("create volume " + volume, () -> tenant.docker().createVolumeCmd().withName(volume)
                    .withLabels(labels).exec());
            binds.add(new Bind(volume, new com.github.dockerjava.api.model.Volume("/" + folder)));
        }
        return binds;
    }

    private static java.util.SortedSet<String> topLevelFolders(Map<String, byte[]> files) {
        java.util.SortedSet<String> folders = new java.util.TreeSet<>();
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("a network element's file must be in a folder (its volume): " + path);
            }
            folders.add(path.substring(0, slash));
        }
        return folders;
    }

    /** Places files into the created container's volumes (its image is FROM scratch: no shell to write them). */
    private static void copyInto(LocalTenant tenant, String containerId, String name, Map<String, byte[]> files) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("platform-acceptance-element-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = staging.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            for (String folder : topLevelFolders(files)) {
                Path source = staging.resolve(folder);
                DockerCalls.run("copy files into network element " + name, () -> tenant.docker()
                        .copyArchiveToContainerCmd(containerId).withHostResource(source.toString())
                        .withDirChildrenOnly(true).withRemotePath("/" + folder).exec());
            }
        } catch (IOException e) {
            throw new PlatformException("cannot stage files for network element " + name + ": " + e.getMessage(), e);
        } finally {
            TemporaryFolders.deleteQuietly(staging);
        }
    }

}
